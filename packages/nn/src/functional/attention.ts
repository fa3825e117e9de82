/**
 * F.multi_head_attention_forward as PyTorch 1.13 computes it: in-projection of query, key and
 * value, optional bias_k / bias_v rows and a zero-attention row, per-head scaled dot-product
 * attention softmax(q k^T / sqrt(d) + mask) v with dropout on the weights, and the out-projection.
 * Time-major shapes: query [L, B, E] (or unbatched [L, E]), key [S, B, kdim], value [S, B, vdim].
 */
import { cat, Tensor, where, zeros } from '@cresset/autograd';
import { ShapeError, ValueError } from '@cresset/tensor';
import { dropout } from './dropout';
import { linear } from './linear';

export interface MultiHeadAttentionWeights {
  /** [3E, E] packed q, k, v projection (null with separate projection weights). */
  inProjWeight: Tensor | null;
  /** [3E] or null. */
  inProjBias: Tensor | null;
  /** Separate projections [E, E], [E, kdim], [E, vdim] (when kdim or vdim differ from E). */
  qProjWeight?: Tensor | null;
  kProjWeight?: Tensor | null;
  vProjWeight?: Tensor | null;
  /** [1, 1, E] rows appended to the keys and values (addBiasKv), or null. */
  biasK?: Tensor | null;
  biasV?: Tensor | null;
  outProjWeight: Tensor;
  outProjBias: Tensor | null;
}

export interface MultiHeadAttentionOptions {
  /** Boolean [B, S] (true = ignore that key) or, without attnMask, float [B, S] added to the scores. */
  keyPaddingMask?: Tensor | null;
  /** Return the attention weights (default true). */
  needWeights?: boolean;
  /** Boolean (true = not allowed) or float (added) mask, [L, S] or [B * heads, L, S]. */
  attnMask?: Tensor | null;
  /** Average the returned weights over heads (default true): [B, L, S], else [B, heads, L, S]. */
  averageAttnWeights?: boolean;
  /** Append a zero key and value row (addZeroAttn). */
  addZeroAttn?: boolean;
  /** Dropout probability on the attention weights (training only). */
  dropoutP?: number;
  training?: boolean;
}

/** A boolean mask as the additive float mask PyTorch makes of it (-inf where true); float masks as given. */
function additive(mask: Tensor, dtype: Tensor['dtype']): Tensor {
  if (mask.dtype === 'bool') return where(mask, -Infinity, zeros(mask.shape, { dtype }));
  if (mask.dtype !== 'float32' && mask.dtype !== 'float64') throw new ValueError(`multi_head_attention_forward: only bool and floating types of masks are supported, got ${mask.dtype}`);
  return mask;
}

/** Appends one zero column to the last dim of a mask (the key added by bias_k or addZeroAttn). */
function padKey(mask: Tensor): Tensor {
  return cat([mask, zeros([...mask.shape.slice(0, -1), 1], { dtype: mask.dtype })], -1);
}

/**
 * The attention output [L, B, E] (or [L, E]) and, with needWeights, the weights [B, L, S] averaged
 * over heads ([B, heads, L, S] without averaging; no batch dim for unbatched input), else null.
 */
export function multiHeadAttentionForward(query: Tensor, key: Tensor, value: Tensor, numHeads: number, w: MultiHeadAttentionWeights, opts: MultiHeadAttentionOptions = {}): [Tensor, Tensor | null] {
  const op = 'multi_head_attention_forward';
  const batched = query.ndim === 3;
  if (query.ndim !== 2 && query.ndim !== 3) throw new ShapeError(`${op}: query should be unbatched 2D or batched 3D tensor but received ${query.ndim}-D query tensor`);
  if (key.ndim !== query.ndim || value.ndim !== query.ndim) throw new ShapeError(`${op}: For ${batched ? 'batched (3-D)' : 'unbatched (2-D)'} \`query\`, expected \`key\` and \`value\` to be ${query.ndim}-D but found ${key.ndim}-D and ${value.ndim}-D tensors respectively`);
  const q3 = batched ? query : query.unsqueeze(1);
  const k3 = batched ? key : key.unsqueeze(1);
  const v3 = batched ? value : value.unsqueeze(1);
  let kpm = opts.keyPaddingMask ?? null;
  if (kpm && !batched) kpm = kpm.unsqueeze(0);
  const [L, B, E] = q3.shape;
  const headDim = Math.floor(E / numHeads);
  if (headDim * numHeads !== E) throw new ValueError(`${op}: embed_dim ${E} not divisible by num_heads ${numHeads}`);
  if (k3.shape[0] !== v3.shape[0] || k3.shape[1] !== v3.shape[1] || k3.shape[1] !== B) throw new ShapeError(`${op}: key [${key.shape.join(', ')}] and value [${value.shape.join(', ')}] must share sequence and batch dims with batch ${B}`);

  // in-projection
  let q: Tensor;
  let k: Tensor;
  let v: Tensor;
  if (w.inProjWeight) {
    const b = (i: number) => (w.inProjBias ? w.inProjBias.narrow(0, i * E, E) : null);
    if (query === key && key === value) {
      const qkv = linear(q3, w.inProjWeight, w.inProjBias);
      [q, k, v] = [0, 1, 2].map((i) => qkv.narrow(-1, i * E, E));
    } else {
      [q, k, v] = [q3, k3, v3].map((x, i) => linear(x, w.inProjWeight!.narrow(0, i * E, E), b(i)));
    }
  } else {
    if (!w.qProjWeight || !w.kProjWeight || !w.vProjWeight) throw new ValueError(`${op}: separate projection weights are needed when in_proj_weight is None`);
    const b = (i: number) => (w.inProjBias ? w.inProjBias.narrow(0, i * E, E) : null);
    q = linear(q3, w.qProjWeight, b(0));
    k = linear(k3, w.kProjWeight, b(1));
    v = linear(v3, w.vProjWeight, b(2));
  }

  // the attention mask as an additive float mask [1 or B*heads, L, S]
  let S = k3.shape[0];
  let mask: Tensor | null = null;
  if (opts.attnMask) {
    const m = opts.attnMask;
    if (m.ndim === 2) {
      if (m.shape[0] !== L || m.shape[1] !== S) throw new ShapeError(`${op}: The shape of the 2D attn_mask is [${m.shape.join(', ')}], but should be (${L}, ${S}).`);
      mask = additive(m, q.dtype).unsqueeze(0);
    } else if (m.ndim === 3) {
      if (m.shape[0] !== B * numHeads || m.shape[1] !== L || m.shape[2] !== S) throw new ShapeError(`${op}: The shape of the 3D attn_mask is [${m.shape.join(', ')}], but should be (${B * numHeads}, ${L}, ${S}).`);
      mask = additive(m, q.dtype);
    } else throw new ShapeError(`${op}: attn_mask's dimension ${m.ndim} is not supported`);
  }
  if (w.biasK && w.biasV) {
    // bias_k / bias_v repeated over the batch by a broadcasting add (an Add in ONNX)
    const rows = zeros([1, B, E], { dtype: k.dtype });
    k = cat([k, rows.add(w.biasK)], 0);
    v = cat([v, rows.add(w.biasV)], 0);
    if (mask) mask = padKey(mask);
    if (kpm) kpm = padKey(kpm);
  } else if (w.biasK || w.biasV) throw new ValueError(`${op}: bias_k and bias_v must both be given or both be null`);

  // [L, B, E] -> [B*heads, L, headDim]
  const heads = (x: Tensor) => x.reshape(x.shape[0], B * numHeads, headDim).transpose(0, 1);
  let qh = heads(q);
  let kh = heads(k);
  let vh = heads(v);
  if (opts.addZeroAttn) {
    const z = zeros([B * numHeads, 1, headDim], { dtype: kh.dtype });
    kh = cat([kh, z], 1);
    vh = cat([vh, z], 1);
    if (mask) mask = padKey(mask);
    if (kpm) kpm = padKey(kpm);
  }
  S = kh.shape[1];
  if (kpm) {
    if (kpm.shape.length !== 2 || kpm.shape[0] !== B || kpm.shape[1] !== S) throw new ShapeError(`${op}: expecting key_padding_mask shape of (${B}, ${S}), but got [${kpm.shape.join(', ')}]`);
    if (kpm.dtype !== 'bool' && mask) throw new ValueError(`${op}: a float key_padding_mask cannot be combined with attn_mask (PyTorch masks with it as a boolean); pass a boolean key_padding_mask`);
  }

  // scaled dot-product attention; the key padding mask applies per batch row, broadcast over heads and queries
  qh = qh.div(Math.sqrt(headDim));
  let scores = qh.matmul(kh.transpose(-2, -1));
  if (mask) scores = mask.add(scores);
  if (kpm) {
    const perRow = kpm.reshape(B, 1, 1, S);
    const s4 = scores.reshape(B, numHeads, L, S);
    scores = (kpm.dtype === 'bool' ? where(perRow, -Infinity, s4) : additive(perRow, q.dtype).add(s4)).reshape(B * numHeads, L, S);
  }
  let weights = scores.softmax(-1);
  const p = opts.training ?? true ? opts.dropoutP ?? 0 : 0;
  if (p > 0) weights = dropout(weights, p, true);
  const attn = weights.matmul(vh); // [B*heads, L, headDim]
  let out = linear(attn.transpose(0, 1).reshape(L * B, E), w.outProjWeight, w.outProjBias).reshape(L, B, w.outProjWeight.shape[0]);
  if (!batched) out = out.squeeze(1);
  if (!(opts.needWeights ?? true)) return [out, null];
  let wts = weights.reshape(B, numHeads, L, S);
  if (opts.averageAttnWeights ?? true) wts = wts.sum(1).div(numHeads);
  return [out, batched ? wts : wts.squeeze(0)];
}
