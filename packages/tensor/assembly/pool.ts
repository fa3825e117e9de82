/**
 * Max pooling over precomputed windows for the planes [p0, p1): output o of a plane takes the
 * maximum over the in-plane indices taps[start[o]..start[o+1]) (int32 tables); NaN wins, else the
 * first maximum; an empty window gives -Infinity at index 0. Values are float32, indices int32.
 */
export function maxPool(p0: i32, p1: i32, inN: i32, oN: i32, start: usize, taps: usize, src: usize, values: usize, indices: usize): void {
  for (let pl = p0; pl < p1; pl++) {
    const base = src + ((<usize>pl * inN) << 2);
    const out = <usize>pl * oN;
    for (let o = 0; o < oN; o++) {
      const s = load<i32>(start + (<usize>o << 2));
      const e = load<i32>(start + (<usize>o << 2), 4);
      let best: f32 = -Infinity;
      let arg = e > s ? load<i32>(taps + (<usize>s << 2)) : 0;
      for (let t = s; t < e; t++) {
        const idx = load<i32>(taps + (<usize>t << 2));
        const v = load<f32>(base + (<usize>idx << 2));
        if (v != v) {
          best = v;
          arg = idx;
          break;
        }
        // branch-free: on random data the comparison is a coin flip the predictor cannot learn
        const gt = v > best;
        best = select<f32>(v, best, gt);
        arg = select<i32>(idx, arg, gt);
      }
      store<f32>(values + ((out + o) << 2), best);
      store<i32>(indices + ((out + o) << 2), arg);
    }
  }
}
