/**
 * Gather and scatter-add through per-dimension offset tables: the one mechanism behind padding
 * (constant, reflect, replicate, circular), its backward, and any index map that factorises per dim.
 */
import type { TypedArray } from '../../dtype';

function outerCount(tables: readonly Int32Array[]): number {
  let n = 1;
  for (let d = 0; d < tables.length - 1; d++) n *= tables[d].length;
  return n;
}

/** Runs `row(base, valid)` for every row of the last dim, with the summed outer offsets. */
function forEachRow(tables: readonly Int32Array[], row: (rowIndex: number, base: number, valid: boolean) => void): void {
  const nd = tables.length;
  const idx = new Int32Array(nd);
  const outer = outerCount(tables);
  for (let r = 0; r < outer; r++) {
    let base = 0;
    let valid = true;
    for (let d = 0; d < nd - 1; d++) {
      const t = tables[d][idx[d]];
      if (t < 0) valid = false;
      base += t;
    }
    row(r, base, valid);
    for (let d = nd - 2; d >= 0; d--) { if (++idx[d] < tables[d].length) break; idx[d] = 0; }
  }
}

export function gather(src: TypedArray, base: number, tables: readonly Int32Array[], out: TypedArray, fillValue: number): void {
  if (tables.length === 0) { out[0] = src[base]; return; }
  const last = tables[tables.length - 1];
  const L = last.length;
  forEachRow(tables, (r, rowBase, valid) => {
    const o = r * L;
    if (!valid) { out.fill(fillValue, o, o + L); return; }
    const b = base + rowBase;
    for (let j = 0; j < L; j++) {
      const t = last[j];
      out[o + j] = t < 0 ? fillValue : src[b + t];
    }
  });
}

export function scatterAdd(src: TypedArray, tables: readonly Int32Array[], dst: TypedArray, base: number): void {
  if (tables.length === 0) { dst[base] += src[0]; return; }
  const last = tables[tables.length - 1];
  const L = last.length;
  forEachRow(tables, (r, rowBase, valid) => {
    if (!valid) return;
    const o = r * L;
    const b = base + rowBase;
    for (let j = 0; j < L; j++) {
      const t = last[j];
      if (t >= 0) dst[b + t] += src[o + j];
    }
  });
}
