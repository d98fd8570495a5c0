;; The coverage kernel's inner loop: one co-sited group of cells on the linear tables over one row
;; of a tile (src/coverage/tile-groups.ts holds the same arithmetic in JavaScript, operation for
;; operation: every result is bit-identical). Assembled by `npm run wasm` into group-row.wasm.ts.
;;
;; Memory (the caller lays it out, byte offsets, little-endian):
;;   members  n records of 72 bytes: f64 sinAz, cosAz, hScale, capRatio, sideLobeRatio, scaleMw,
;;            offsetRatio (0..55), i32 horizontal table (f32 samples) at 56, cell id at 60, band slot at 64
;;   bd       the group's distance table: f64 triples (path-loss ratio, vertical ratio, 1/d)
;;   lons     f64 per tile column; inside: u8 per tile pixel
;;   sums     f64 per pixel and band slot; bestMw, secondMw, bestOwnMw f64 and best i32 per pixel
(module
  (import "env" "memory" (memory 1))
  (func (export "groupRow")
    (param $members i32) (param $n i32) (param $bd i32) (param $e0 i32)
    (param $lons i32) (param $cLon f64) (param $kx f64) (param $dy f64) (param $dy2 f64)
    (param $cullR2 f64) (param $exactBelow2 f64)
    (param $inside i32) (param $row i32) (param $c0 i32) (param $c1 i32) (param $nb i32)
    (param $sums i32) (param $bestMw i32) (param $secondMw i32) (param $best i32) (param $bestOwnMw i32)
    (local $c i32) (local $j i32) (local $dx f64) (local $d2 f64) (local $hi i32) (local $x f64)
    (local $i i32) (local $t f64) (local $q i32) (local $pl f64) (local $av f64) (local $invD f64)
    (local $bp f64) (local $sp f64) (local $bi i32) (local $bmw f64)
    (local $m i32) (local $rec i32) (local $y f64) (local $jj i32) (local $hz i32) (local $h0 f64)
    (local $p f64) (local $mw f64) (local $k i32)
    (local.set $c (local.get $c0))
    (block $rowDone
      (loop $pixel
        (br_if $rowDone (i32.ge_s (local.get $c) (local.get $c1)))
        (local.set $j (i32.add (local.get $row) (local.get $c)))
        ;; dx = (lons[c] − cLon)·kx; d2 = dx·dx + dy2
        (local.set $dx (f64.mul (f64.sub (f64.load (i32.add (local.get $lons) (i32.shl (local.get $c) (i32.const 3)))) (local.get $cLon)) (local.get $kx)))
        (local.set $d2 (f64.add (f64.mul (local.get $dx) (local.get $dx)) (local.get $dy2)))
        (block $skip
          (br_if $skip (i32.eqz (i32.load8_u (i32.add (local.get $inside) (local.get $j)))))
          (br_if $skip (f64.gt (local.get $d2) (local.get $cullR2)))
          ;; nearer than the tables reach: the caller evaluates these pixels exactly
          (br_if $skip (i32.eqz (f64.ge (local.get $d2) (local.get $exactBelow2))))
          ;; position in the table from d²'s exponent and mantissa (no logarithm)
          (local.set $hi (i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 (local.get $d2)) (i64.const 32))))
          (local.set $x (f64.add
            (f64.mul (f64.convert_i32_s (i32.sub (i32.sub (i32.shr_u (local.get $hi) (i32.const 20)) (i32.const 1023)) (local.get $e0))) (f64.const 64))
            (f64.mul (f64.convert_i32_u (i32.and (local.get $hi) (i32.const 0xfffff))) (f64.const 0x1p-14))))
          (local.set $i (i32.trunc_sat_f64_s (local.get $x)))
          (local.set $t (f64.sub (local.get $x) (f64.convert_i32_s (local.get $i))))
          (local.set $q (i32.add (local.get $bd) (i32.mul (local.get $i) (i32.const 24))))
          (local.set $pl (f64.add (f64.load (local.get $q)) (f64.mul (f64.sub (f64.load offset=24 (local.get $q)) (f64.load (local.get $q))) (local.get $t))))
          (local.set $av (f64.add (f64.load offset=8 (local.get $q)) (f64.mul (f64.sub (f64.load offset=32 (local.get $q)) (f64.load offset=8 (local.get $q))) (local.get $t))))
          (local.set $invD (f64.add (f64.load offset=16 (local.get $q)) (f64.mul (f64.sub (f64.load offset=40 (local.get $q)) (f64.load offset=16 (local.get $q))) (local.get $t))))
          (local.set $bp (f64.load (i32.add (local.get $bestMw) (i32.shl (local.get $j) (i32.const 3)))))
          (local.set $sp (f64.load (i32.add (local.get $secondMw) (i32.shl (local.get $j) (i32.const 3)))))
          (local.set $bi (i32.load (i32.add (local.get $best) (i32.shl (local.get $j) (i32.const 2)))))
          (local.set $bmw (f64.load (i32.add (local.get $bestOwnMw) (i32.shl (local.get $j) (i32.const 3)))))
          (local.set $m (i32.const 0))
          (local.set $rec (local.get $members))
          (loop $member
            ;; y = ((dx·sinAz + dy·cosAz)·invD + 1)·hScale; the horizontal ratio interpolated at y
            (local.set $y (f64.mul
              (f64.add (f64.mul (f64.add (f64.mul (local.get $dx) (f64.load (local.get $rec))) (f64.mul (local.get $dy) (f64.load offset=8 (local.get $rec)))) (local.get $invD)) (f64.const 1))
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
            (local.set $k (i32.add (local.get $sums) (i32.shl (i32.add (i32.mul (local.get $j) (local.get $nb)) (i32.load offset=64 (local.get $rec))) (i32.const 3))))
            (f64.store (local.get $k) (f64.add (f64.load (local.get $k)) (local.get $mw)))
            (if (f64.gt (local.get $p) (local.get $bp))
              (then
                (local.set $sp (local.get $bp))
                (local.set $bp (local.get $p))
                (local.set $bi (i32.load offset=60 (local.get $rec)))
                (local.set $bmw (local.get $mw)))
              (else
                (if (f64.gt (local.get $p) (local.get $sp)) (then (local.set $sp (local.get $p))))))
            (local.set $rec (i32.add (local.get $rec) (i32.const 72)))
            (br_if $member (i32.lt_s (local.tee $m (i32.add (local.get $m) (i32.const 1))) (local.get $n))))
          (f64.store (i32.add (local.get $bestMw) (i32.shl (local.get $j) (i32.const 3))) (local.get $bp))
          (f64.store (i32.add (local.get $secondMw) (i32.shl (local.get $j) (i32.const 3))) (local.get $sp))
          (i32.store (i32.add (local.get $best) (i32.shl (local.get $j) (i32.const 2))) (local.get $bi))
          (f64.store (i32.add (local.get $bestOwnMw) (i32.shl (local.get $j) (i32.const 3))) (local.get $bmw)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $pixel))))
)
