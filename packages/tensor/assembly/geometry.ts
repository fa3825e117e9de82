/**
 * The geometry of a convolution or of pooling windows, as the host writes it into memory
 * (kernels/wasm/context.ts, in the order of GEOMETRY_FIELDS in kernel_exports.ts): channels per
 * group, then input, kernel and output sizes, strides, paddings and dilations, each over depth,
 * height and width (1-d and 2-d geometries have leading unit sizes and zero paddings).
 */
@unmanaged export class Geometry {
  C: i32;
  iD: i32; iH: i32; iW: i32;
  kD: i32; kH: i32; kW: i32;
  oD: i32; oH: i32; oW: i32;
  sD: i32; sH: i32; sW: i32;
  pD: i32; pH: i32; pW: i32;
  dD: i32; dH: i32; dW: i32;
}

/** The geometry at byte address `p`. */
// @ts-ignore: decorator
@inline export function geo(p: usize): Geometry {
  return changetype<Geometry>(p);
}

/** Its size in int32s, for the host to check its field list against. */
export function geometryInts(): i32 {
  return <i32>(offsetof<Geometry>() >> 2);
}
