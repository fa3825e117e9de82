/** torch.optim.SGD's update as one kernel call (Backend.sgdUpdate). */
import type { SgdStep } from '../kernels';
import { backend } from '../kernels';
import type { NDArray } from '../ndarray';

const fits = (a: NDArray, p: NDArray) => a.dtype === p.dtype && a.isContiguous() && a.size === p.size;

/**
 * Updates p in place from grad and, when momentum is not 0, the momentum buffer buf (updated
 * too), with the values of the elementwise ops SGD composes (see Backend.sgdUpdate). Returns
 * false, changing nothing, unless all are contiguous arrays of p's floating dtype and size.
 */
export function sgdUpdate(p: NDArray, grad: NDArray, buf: NDArray | null, o: SgdStep): boolean {
  if ((p.dtype !== 'float32' && p.dtype !== 'float64') || !p.isContiguous() || !fits(grad, p)) return false;
  if (o.momentum !== 0 && !(buf && fits(buf, p))) return false;
  backend().sgdUpdate(p.size, p.data, p.offset, grad.data, grad.offset, buf ? buf.data : null, buf ? buf.offset : 0, o);
  p.bumpVersion();
  if (o.momentum !== 0) buf!.bumpVersion();
  return true;
}
