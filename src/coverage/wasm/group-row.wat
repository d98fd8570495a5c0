;; The coverage kernel's inner loop: one co-sited group of cells on the linear tables over one row
;; of a tile. src/coverage/tile-groups.ts holds the same arithmetic in JavaScript, operation for
;; operation, and every result here is bit-identical to it: IEEE double adds and multiplies in the
;; same order, f64.max as Math.max (and f64x2.pmax / pmin where both operands are finite and not −0,
;; as every power and ratio here is: the same values, one instruction each), table samples promoted
;; from f32 exactly, and the best-server update as selects equal to its branches. Two pixels go through at once (f64x2
;; lanes) where both are served by the tables; other pixels go one at a time. Assembled by
;; `npm run wasm` into group-row.wasm.ts.
;;
;; Memory (laid out by the caller, byte offsets, little-endian):
;;   members  n records of 72 bytes: f64 sinAz, cosAz, hScale, capRatio, sideLobeRatio, scaleMw,
;;            offsetRatio (0..55); i32 horizontal table (f32 samples) at 56, cell id as i32 at 60 and as i64 at 64
;;   bd       the group's distance table: f64 triples (path-loss ratio, vertical ratio, 1/d)
;;   lons     f64 per tile column; inside: u8 per tile pixel
;;   sums     f64 per pixel and band slot (a group's members share theirs: `slot`), summed in a
;;            register over the members; bestMw, secondMw f64 and best i32 per pixel (a best
;;            server's own interference mW is its power × its offset ratio, taken by the caller)
(module
  (import "env" "memory" (memory 1))
  ;; the row being computed (set by groupRow, read by the one-pixel path)
  (global $members (mut i32) (i32.const 0))
  (global $n (mut i32) (i32.const 0))
  (global $bd (mut i32) (i32.const 0))
  (global $e0 (mut i32) (i32.const 0))
  (global $dy (mut f64) (f64.const 0))
  (global $nb (mut i32) (i32.const 0))
  (global $sums (mut i32) (i32.const 0))
  (global $slot (mut i32) (i32.const 0))
  (global $bestMw (mut i32) (i32.const 0))
  (global $secondMw (mut i32) (i32.const 0))
  (global $best (mut i32) (i32.const 0))

  ;; Position in the distance table from d²'s exponent and mantissa bits (no logarithm):
  ;; ((hi >>> 20) − 1023 − e0)·64 + (hi & 0xfffff)·2^−14, as tables.ts computes it.
  (func $position (param $d2 f64) (result f64)
    (local $hi i32)
    (local.set $hi (i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 (local.get $d2)) (i64.const 32))))
    (f64.add
      (f64.mul (f64.convert_i32_s (i32.sub (i32.sub (i32.shr_u (local.get $hi) (i32.const 20)) (i32.const 1023)) (global.get $e0))) (f64.const 64))
      (f64.mul (f64.convert_i32_u (i32.and (local.get $hi) (i32.const 0xfffff))) (f64.const 0x1p-14))))

  ;; One pixel j at dx (d2 = dx² + dy², served by the tables): every member into the sums and the best servers.
  (func $pixel (param $j i32) (param $dx f64) (param $d2 f64)
    (local $x f64) (local $i i32) (local $t f64) (local $q i32) (local $pl f64) (local $av f64) (local $invD f64)
    (local $bp f64) (local $sp f64) (local $bi i32)
    (local $m i32) (local $rec i32) (local $y f64) (local $jj i32) (local $hz i32) (local $h0 f64)
    (local $p f64) (local $mw f64) (local $k i32) (local $sum f64)
    (local.set $x (call $position (local.get $d2)))
    (local.set $i (i32.trunc_sat_f64_s (local.get $x)))
    (local.set $t (f64.sub (local.get $x) (f64.convert_i32_s (local.get $i))))
    (local.set $q (i32.add (global.get $bd) (i32.mul (local.get $i) (i32.const 24))))
    (local.set $pl (f64.add (f64.load (local.get $q)) (f64.mul (f64.sub (f64.load offset=24 (local.get $q)) (f64.load (local.get $q))) (local.get $t))))
    (local.set $av (f64.add (f64.load offset=8 (local.get $q)) (f64.mul (f64.sub (f64.load offset=32 (local.get $q)) (f64.load offset=8 (local.get $q))) (local.get $t))))
    (local.set $invD (f64.add (f64.load offset=16 (local.get $q)) (f64.mul (f64.sub (f64.load offset=40 (local.get $q)) (f64.load offset=16 (local.get $q))) (local.get $t))))
    (local.set $bp (f64.load (i32.add (global.get $bestMw) (i32.shl (local.get $j) (i32.const 3)))))
    (local.set $sp (f64.load (i32.add (global.get $secondMw) (i32.shl (local.get $j) (i32.const 3)))))
    (local.set $bi (i32.load (i32.add (global.get $best) (i32.shl (local.get $j) (i32.const 2)))))
    (local.set $k (i32.add (global.get $sums) (i32.shl (i32.add (i32.mul (local.get $j) (global.get $nb)) (global.get $slot)) (i32.const 3))))
    (local.set $sum (f64.load (local.get $k)))
    (local.set $rec (global.get $members))
    (loop $member
      ;; y = ((dx·sinAz + dy·cosAz)·invD + 1)·hScale; the horizontal ratio interpolated at y
      (local.set $y (f64.mul
        (f64.add (f64.mul (f64.add (f64.mul (local.get $dx) (f64.load (local.get $rec))) (f64.mul (global.get $dy) (f64.load offset=8 (local.get $rec)))) (local.get $invD)) (f64.const 1))
        (f64.load offset=16 (local.get $rec))))
      (local.set $jj (i32.trunc_sat_f64_s (local.get $y)))
      (local.set $hz (i32.add (i32.load offset=56 (local.get $rec)) (i32.shl (local.get $jj) (i32.const 2))))
      (local.set $h0 (f64.promote_f32 (f32.load (local.get $hz))))
      ;; p = scale · (max(ah · max(av, sla), cap) · pl)
      (local.set $p (f64.mul (f64.load offset=40 (local.get $rec))
        (f64.mul
          (f64.max
            (f64.mul
              (f64.add (local.get $h0) (f64.mul (f64.sub (f64.promote_f32 (f32.load offset=4 (local.get $hz))) (local.get $h0)) (f64.sub (local.get $y) (f64.convert_i32_s (local.get $jj)))))
              (f64.max (local.get $av) (f64.load offset=32 (local.get $rec))))
            (f64.load offset=24 (local.get $rec)))
          (local.get $pl))))
      (local.set $mw (f64.mul (local.get $p) (f64.load offset=48 (local.get $rec))))
      (local.set $sum (f64.add (local.get $sum) (local.get $mw)))
      (if (f64.gt (local.get $p) (local.get $bp))
        (then
          (local.set $sp (local.get $bp))
          (local.set $bp (local.get $p))
          (local.set $bi (i32.load offset=60 (local.get $rec))))
        (else
          (if (f64.gt (local.get $p) (local.get $sp)) (then (local.set $sp (local.get $p))))))
      (local.set $rec (i32.add (local.get $rec) (i32.const 72)))
      (br_if $member (i32.lt_s (local.tee $m (i32.add (local.get $m) (i32.const 1))) (global.get $n))))
    (f64.store (local.get $k) (local.get $sum))
    (f64.store (i32.add (global.get $bestMw) (i32.shl (local.get $j) (i32.const 3))) (local.get $bp))
    (f64.store (i32.add (global.get $secondMw) (i32.shl (local.get $j) (i32.const 3))) (local.get $sp))
    (i32.store (i32.add (global.get $best) (i32.shl (local.get $j) (i32.const 2))) (local.get $bi)))

  (func (export "groupRow")
    (param $membersP i32) (param $nP i32) (param $bdP i32) (param $e0P i32)
    (param $lons i32) (param $cLon f64) (param $kx f64) (param $dyP f64) (param $dy2 f64)
    (param $cullR2 f64) (param $exactBelow2 f64)
    (param $inside i32) (param $row i32) (param $c0 i32) (param $c1 i32) (param $nbP i32)
    (param $sumsP i32) (param $bestMwP i32) (param $secondMwP i32) (param $bestP i32) (param $slotP i32)
    (local $c i32) (local $j i32) (local $dx f64) (local $d2 f64)
    (local $dxv v128) (local $d2v v128) (local $xa f64) (local $xb f64) (local $ia i32) (local $ib i32)
    (local $t v128) (local $qa i32) (local $qb i32) (local $pl v128) (local $av v128) (local $invD v128)
    (local $bp v128) (local $sp v128) (local $bi v128) (local $gt v128)
    (local $m i32) (local $rec i32) (local $y v128) (local $jj v128) (local $ha v128) (local $hb v128)
    (local $h0 v128) (local $h1 v128) (local $p v128) (local $mw v128) (local $k i32) (local $at i32)
    (local $hi i32) (local $a v128) (local $kb i32) (local $sum v128)
    (global.set $members (local.get $membersP))
    (global.set $n (local.get $nP))
    (global.set $bd (local.get $bdP))
    (global.set $e0 (local.get $e0P))
    (global.set $dy (local.get $dyP))
    (global.set $nb (local.get $nbP))
    (global.set $sums (local.get $sumsP))
    (global.set $slot (local.get $slotP))
    (global.set $bestMw (local.get $bestMwP))
    (global.set $secondMw (local.get $secondMwP))
    (global.set $best (local.get $bestP))
    (local.set $c (local.get $c0))
    (block $rowDone
      (loop $pixels
        (br_if $rowDone (i32.ge_s (local.get $c) (local.get $c1)))
        (local.set $j (i32.add (local.get $row) (local.get $c)))
        (block $single
          ;; two pixels c, c + 1 when both are inside, within reach and served by the tables
          (br_if $single (i32.ge_s (i32.add (local.get $c) (i32.const 1)) (local.get $c1)))
          (br_if $single (i32.ne (i32.load16_u (i32.add (local.get $inside) (local.get $j))) (i32.const 0x0101)))
          (local.set $dxv (f64x2.mul (f64x2.sub (v128.load (i32.add (local.get $lons) (i32.shl (local.get $c) (i32.const 3)))) (f64x2.splat (local.get $cLon))) (f64x2.splat (local.get $kx))))
          (local.set $d2v (f64x2.add (f64x2.mul (local.get $dxv) (local.get $dxv)) (f64x2.splat (local.get $dy2))))
          (br_if $single (i32.eqz (i64x2.all_true (v128.and
            (f64x2.le (local.get $d2v) (f64x2.splat (local.get $cullR2)))
            (f64x2.ge (local.get $d2v) (f64x2.splat (local.get $exactBelow2)))))))
          (local.set $xa (f64.add
            (f64.mul (f64.convert_i32_s (i32.sub (i32.sub (i32.shr_u (local.tee $hi (i32.wrap_i64 (i64.shr_u (i64x2.extract_lane 0 (local.get $d2v)) (i64.const 32)))) (i32.const 20)) (i32.const 1023)) (global.get $e0))) (f64.const 64))
            (f64.mul (f64.convert_i32_u (i32.and (local.get $hi) (i32.const 0xfffff))) (f64.const 0x1p-14))))
          (local.set $xb (f64.add
            (f64.mul (f64.convert_i32_s (i32.sub (i32.sub (i32.shr_u (local.tee $hi (i32.wrap_i64 (i64.shr_u (i64x2.extract_lane 1 (local.get $d2v)) (i64.const 32)))) (i32.const 20)) (i32.const 1023)) (global.get $e0))) (f64.const 64))
            (f64.mul (f64.convert_i32_u (i32.and (local.get $hi) (i32.const 0xfffff))) (f64.const 0x1p-14))))
          (local.set $ia (i32.trunc_sat_f64_s (local.get $xa)))
          (local.set $ib (i32.trunc_sat_f64_s (local.get $xb)))
          (local.set $t (f64x2.sub
            (f64x2.replace_lane 1 (f64x2.splat (local.get $xa)) (local.get $xb))
            (f64x2.replace_lane 1 (f64x2.splat (f64.convert_i32_s (local.get $ia))) (f64.convert_i32_s (local.get $ib)))))
          (local.set $qa (i32.add (global.get $bd) (i32.mul (local.get $ia) (i32.const 24))))
          (local.set $qb (i32.add (global.get $bd) (i32.mul (local.get $ib) (i32.const 24))))
          (local.set $a (f64x2.replace_lane 1 (f64x2.splat (f64.load offset=0 (local.get $qa))) (f64.load offset=0 (local.get $qb))))
          (local.set $pl (f64x2.add (local.get $a)
            (f64x2.mul (f64x2.sub (f64x2.replace_lane 1 (f64x2.splat (f64.load offset=24 (local.get $qa))) (f64.load offset=24 (local.get $qb))) (local.get $a)) (local.get $t))))
          (local.set $a (f64x2.replace_lane 1 (f64x2.splat (f64.load offset=8 (local.get $qa))) (f64.load offset=8 (local.get $qb))))
          (local.set $av (f64x2.add (local.get $a)
            (f64x2.mul (f64x2.sub (f64x2.replace_lane 1 (f64x2.splat (f64.load offset=32 (local.get $qa))) (f64.load offset=32 (local.get $qb))) (local.get $a)) (local.get $t))))
          (local.set $a (f64x2.replace_lane 1 (f64x2.splat (f64.load offset=16 (local.get $qa))) (f64.load offset=16 (local.get $qb))))
          (local.set $invD (f64x2.add (local.get $a)
            (f64x2.mul (f64x2.sub (f64x2.replace_lane 1 (f64x2.splat (f64.load offset=40 (local.get $qa))) (f64.load offset=40 (local.get $qb))) (local.get $a)) (local.get $t))))
          (local.set $at (i32.shl (local.get $j) (i32.const 3)))
          (local.set $bp (v128.load (i32.add (global.get $bestMw) (local.get $at))))
          (local.set $sp (v128.load (i32.add (global.get $secondMw) (local.get $at))))
          (local.set $bi (i64x2.extend_low_i32x4_s (v128.load64_zero (i32.add (global.get $best) (i32.shl (local.get $j) (i32.const 2))))))
          (local.set $k (i32.add (global.get $sums) (i32.shl (i32.add (i32.mul (local.get $j) (global.get $nb)) (global.get $slot)) (i32.const 3))))
          (local.set $kb (i32.add (local.get $k) (i32.shl (global.get $nb) (i32.const 3))))
          (local.set $sum (f64x2.replace_lane 1 (f64x2.splat (f64.load (local.get $k))) (f64.load (local.get $kb))))
          (local.set $m (i32.const 0))
          (local.set $rec (global.get $members))
          (loop $member
            (local.set $y (f64x2.mul
              (f64x2.add
                (f64x2.mul
                  (f64x2.add (f64x2.mul (local.get $dxv) (v128.load64_splat (local.get $rec))) (f64x2.splat (f64.mul (global.get $dy) (f64.load offset=8 (local.get $rec)))))
                  (local.get $invD))
                (f64x2.splat (f64.const 1)))
              (v128.load64_splat offset=16 (local.get $rec))))
            (local.set $jj (i32x4.trunc_sat_f64x2_s_zero (local.get $y)))
            (local.set $hi (i32.load offset=56 (local.get $rec)))
            ;; samples jj and jj + 1 of each lane, promoted, then regrouped as (h[jj] of both lanes) and (h[jj + 1] of both)
            (local.set $ha (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $hi) (i32.shl (i32x4.extract_lane 0 (local.get $jj)) (i32.const 2))))))
            (local.set $hb (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $hi) (i32.shl (i32x4.extract_lane 1 (local.get $jj)) (i32.const 2))))))
            (local.set $h0 (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $ha) (local.get $hb)))
            (local.set $h1 (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $ha) (local.get $hb)))
            (local.set $p (f64x2.mul (v128.load64_splat offset=40 (local.get $rec))
              (f64x2.mul
                (f64x2.pmax
                  (f64x2.mul
                    (f64x2.add (local.get $h0) (f64x2.mul (f64x2.sub (local.get $h1) (local.get $h0)) (f64x2.sub (local.get $y) (f64x2.convert_low_i32x4_s (local.get $jj)))))
                    (f64x2.pmax (local.get $av) (v128.load64_splat offset=32 (local.get $rec))))
                  (v128.load64_splat offset=24 (local.get $rec)))
                (local.get $pl))))
            (local.set $mw (f64x2.mul (local.get $p) (v128.load64_splat offset=48 (local.get $rec))))
            (local.set $sum (f64x2.add (local.get $sum) (local.get $mw)))
            ;; if p > best: second = best, best = p, server = id; else if p > second: second = p. For
            ;; powers (finite, ≥ 0, never −0) that is: second = min(best, max(second, p)), best = max(best, p)
            (local.set $gt (f64x2.gt (local.get $p) (local.get $bp)))
            (local.set $bi (v128.bitselect (v128.load64_splat offset=64 (local.get $rec)) (local.get $bi) (local.get $gt)))
            (local.set $sp (f64x2.pmin (local.get $bp) (f64x2.pmax (local.get $sp) (local.get $p))))
            (local.set $bp (f64x2.pmax (local.get $bp) (local.get $p)))
            (local.set $rec (i32.add (local.get $rec) (i32.const 72)))
            (br_if $member (i32.lt_s (local.tee $m (i32.add (local.get $m) (i32.const 1))) (global.get $n))))
          (v128.store64_lane 0 (local.get $k) (local.get $sum))
          (v128.store64_lane 1 (local.get $kb) (local.get $sum))
          (v128.store (i32.add (global.get $bestMw) (local.get $at)) (local.get $bp))
          (v128.store (i32.add (global.get $secondMw) (local.get $at)) (local.get $sp))
          (v128.store64_lane 0 (i32.add (global.get $best) (i32.shl (local.get $j) (i32.const 2)))
            (i8x16.shuffle 0 1 2 3 8 9 10 11 0 1 2 3 8 9 10 11 (local.get $bi) (local.get $bi)))
          (local.set $c (i32.add (local.get $c) (i32.const 2)))
          (br $pixels))
        ;; one pixel
        (local.set $dx (f64.mul (f64.sub (f64.load (i32.add (local.get $lons) (i32.shl (local.get $c) (i32.const 3)))) (local.get $cLon)) (local.get $kx)))
        (local.set $d2 (f64.add (f64.mul (local.get $dx) (local.get $dx)) (local.get $dy2)))
        (if (i32.and
              (i32.and (i32.ne (i32.load8_u (i32.add (local.get $inside) (local.get $j))) (i32.const 0)) (f64.le (local.get $d2) (local.get $cullR2)))
              (f64.ge (local.get $d2) (local.get $exactBelow2)))
          (then (call $pixel (local.get $j) (local.get $dx) (local.get $d2))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $pixels))))
)
