/**
 * Compressed sparse rows (CSR): the one sparse layout of the optimiser. Row `r` holds
 * `indices[offsets[r] .. offsets[r + 1])`. Candidate → demand lists and their transpose
 * (demand → candidates) are both stored this way: flat typed arrays that cross worker threads
 * without copying object graphs.
 */
export interface Csr {
  /** Length rows + 1, `offsets[0] = 0`, non-decreasing, last = `indices.length`. */
  readonly offsets: Int32Array;
  readonly indices: Int32Array;
}

/** Number of rows of a CSR matrix. */
export function csrRows(a: Csr): number {
  return a.offsets.length - 1;
}

/**
 * The transpose of `a` (whose column indices lie in [0, columns)), by counting sort: each row of
 * the result lists its columns in increasing order.
 */
export function transposeCsr(a: Csr, columns: number): Csr {
  const rows = csrRows(a);
  const offsets = new Int32Array(columns + 1);
  const { indices: idx, offsets: off } = a;
  for (let p = 0; p < idx.length; p++) offsets[idx[p]! + 1]!++;
  for (let c = 0; c < columns; c++) offsets[c + 1]! += offsets[c]!;
  const fill = offsets.slice(0, columns);
  const indices = new Int32Array(idx.length);
  for (let r = 0; r < rows; r++) {
    for (let p = off[r]!, end = off[r + 1]!; p < end; p++) indices[fill[idx[p]!]!++] = r;
  }
  return { offsets, indices };
}

/** CSR from an array of lists (entries are copied as given; the caller validates them). */
export function csrFromLists(lists: ReadonlyArray<ArrayLike<number>>): Csr {
  const offsets = new Int32Array(lists.length + 1);
  for (let r = 0; r < lists.length; r++) offsets[r + 1] = offsets[r]! + lists[r]!.length;
  const indices = new Int32Array(offsets[lists.length]!);
  for (let r = 0; r < lists.length; r++) {
    const list = lists[r]!;
    const base = offsets[r]!;
    for (let p = 0; p < list.length; p++) indices[base + p] = list[p]!;
  }
  return { offsets, indices };
}
