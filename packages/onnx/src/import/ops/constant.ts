/** ONNX Constant: its value attribute (a tensor, or value_float(s) / value_int(s) from opset 12). */
import { Tensor } from '@cresset/autograd';
import { NDArray } from '@cresset/tensor';
import type { OpContext } from '../op_context';

export function constant(c: OpContext): Tensor {
  const t = c.attrs.tensor('value');
  if (t) return new Tensor(t);
  const scalarOrList = (v: number | number[] | undefined, dtype: 'float32' | 'int64') => {
    if (v === undefined) return undefined;
    const vals = Array.isArray(v) ? v : [v];
    const a = NDArray.empty(Array.isArray(v) ? [vals.length] : [], dtype);
    vals.forEach((x, i) => (a.data[i] = x));
    return new Tensor(a);
  };
  const r = scalarOrList(c.attrs.float('value_float'), 'float32') ?? scalarOrList(c.attrs.floats('value_floats'), 'float32')
    ?? scalarOrList(c.attrs.int('value_int'), 'int64') ?? scalarOrList(c.attrs.ints('value_ints'), 'int64');
  if (!r) c.unsupported('a Constant without a tensor, float or int value');
  return r;
}
