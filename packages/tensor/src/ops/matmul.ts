/**
 * torch.matmul: dot for 1-d x 1-d, mm for 2-d, and batched products with broadcast batch dims;
 * a 1-d operand gets a dim prepended (left) or appended (right) that is removed afterwards.
 */
import { promoteTypes, scalarTypeName } from '../dtype';
import { DTypeError, ShapeError } from '../errors';
import { backend } from '../kernels';
import { NDArray } from '../ndarray';
import { broadcastShapes, numel } from '../shape';
import { cast } from './elementwise';

const dims = (s: readonly number[]) => s.join('x');

/** Checks dtypes as PyTorch does: both operands must have the same dtype. */
function checkDTypes(a: NDArray, b: NDArray, op: string): [NDArray, NDArray] {
  if (a.dtype !== b.dtype) {
    throw new DTypeError(`${op}: expected scalar type ${scalarTypeName(a.dtype)} but found ${scalarTypeName(b.dtype)} (both operands must have the same dtype)`);
  }
  if (a.dtype === 'bool') return [cast(a, promoteTypes(a.dtype, 'uint8')), cast(b, 'uint8')];
  return [a, b];
}

/** C = A @ B for 2-d A [M,K] and B [K,N] (torch.mm). */
/** `op` names the calling operation in errors (matmul runs its 2-d cases as mm). */
export function mm(a: NDArray, b: NDArray, op = 'mm'): NDArray {
  if (a.ndim !== 2 || b.ndim !== 2) throw new ShapeError(`${op}: expected 2-D tensors, got ${a.ndim}-D and ${b.ndim}-D`);
  if (a.shape[1] !== b.shape[0]) {
    throw new ShapeError(`mat1 and mat2 shapes cannot be multiplied (${dims(a.shape)} and ${dims(b.shape)})`);
  }
  [a, b] = checkDTypes(a, b, op);
  const [M, K] = a.shape;
  const N = b.shape[1];
  const out = NDArray.empty([M, N], a.dtype, op);
  backend().gemm(M, N, K, a.data, a.offset, a.strides[0], a.strides[1], b.data, b.offset, b.strides[0], b.strides[1], out.data, 0, N, false);
  return out;
}

export function matmul(a: NDArray, b: NDArray): NDArray {
  if (a.ndim === 0 || b.ndim === 0) {
    throw new ShapeError(`both arguments to matmul need to be at least 1D, but they are ${a.ndim}D and ${b.ndim}D`);
  }
  if (a.ndim === 1 && b.ndim === 1) {
    if (a.shape[0] !== b.shape[0]) {
      throw new ShapeError(`matmul: inconsistent tensor size, expected tensor [${a.shape[0]}] and src [${b.shape[0]}] to have the same number of elements, but got ${a.shape[0]} and ${b.shape[0]} elements respectively`);
    }
    return mm(a.unsqueeze(0), b.unsqueeze(1), 'matmul').reshape([]);
  }
  if (a.ndim <= 2 && b.ndim <= 2) {
    const A = a.ndim === 1 ? a.unsqueeze(0) : a;
    const B = b.ndim === 1 ? b.unsqueeze(1) : b;
    if (A.shape[1] !== B.shape[0]) {
      // PyTorch's mv message for matrix @ vector; a vector @ matrix runs as mm of [1, K]
      const msg = b.ndim === 1
        ? `size mismatch, got ${A.shape[0]}, ${dims(A.shape)},${b.shape[0]} (matmul of a matrix ${dims(a.shape)} and a vector of ${b.shape[0]})`
        : `mat1 and mat2 shapes cannot be multiplied (${dims(A.shape)} and ${dims(B.shape)})`;
      throw new ShapeError(msg);
    }
    const r = mm(A, B, 'matmul');
    return a.ndim === 1 ? r.squeeze(0) : b.ndim === 1 ? r.squeeze(1) : r;
  }
  return batchedMatmul(a, b);
}

function batchedMatmul(a: NDArray, b: NDArray): NDArray {
  const A = a.ndim === 1 ? a.unsqueeze(0) : a;
  const B = b.ndim === 1 ? b.unsqueeze(1) : b;
  const [M, K] = A.shape.slice(-2);
  const [K2, N] = B.shape.slice(-2);
  if (K !== K2) {
    throw new ShapeError(`Expected size for first two dimensions of batch2 tensor to be: [${numel(A.shape.slice(0, -2))}, ${K}] but got: [${numel(B.shape.slice(0, -2))}, ${K2}]. (matmul of ${dims(a.shape)} and ${dims(b.shape)})`);
  }
  const [A1, B1] = checkDTypes(A, B, 'matmul');
  const batch = broadcastShapes(A1.shape.slice(0, -2), B1.shape.slice(0, -2), 'matmul');
  const Ae = A1.expand([...batch, M, K]);
  const Be = B1.expand([...batch, K, N]);
  const nb = numel(batch);
  const out = NDArray.empty([...batch, M, N], A1.dtype, 'matmul');
  const nd = batch.length;
  const idx = new Array<number>(nd).fill(0);
  for (let i = 0; i < nb; i++) {
    let ao = Ae.offset;
    let bo = Be.offset;
    for (let d = 0; d < nd; d++) {
      ao += idx[d] * Ae.strides[d];
      bo += idx[d] * Be.strides[d];
    }
    backend().gemm(M, N, K, Ae.data, ao, Ae.strides[nd], Ae.strides[nd + 1], Be.data, bo, Be.strides[nd], Be.strides[nd + 1], out.data, i * M * N, N, false);
    for (let d = nd - 1; d >= 0; d--) { if (++idx[d] < batch[d]) break; idx[d] = 0; }
  }
  let shape = out.shape;
  if (a.ndim === 1) shape = [...batch, N];
  else if (b.ndim === 1) shape = [...batch, M];
  return out.reshape(shape);
}

