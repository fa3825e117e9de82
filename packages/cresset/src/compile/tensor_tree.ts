/**
 * The tensors in a function's arguments or result: a tensor, or arrays and plain objects of
 * them (and of other values, which stay as they are), walked in one fixed order.
 */
import { Tensor } from '@cresset/autograd';

/** The same structure with every tensor replaced by f(tensor). */
export function mapTensors(v: unknown, f: (t: Tensor) => Tensor): unknown {
  if (v instanceof Tensor) return f(v);
  if (Array.isArray(v)) return v.map((x) => mapTensors(x, f));
  if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapTensors(x, f)]));
  return v;
}

/** The tensors of the structure, in mapTensors' order. */
export function tensorLeaves(v: unknown, into: Tensor[] = []): Tensor[] {
  if (v instanceof Tensor) into.push(v);
  else if (Array.isArray(v)) for (const x of v) tensorLeaves(x, into);
  else if (isPlainObject(v)) for (const x of Object.values(v)) tensorLeaves(x, into);
  return into;
}

/**
 * A key telling structures apart as a plan must: tensors by shape, dtype and requires_grad, other
 * values by themselves; null when a value cannot be keyed (a function, a class instance).
 */
export function structureKey(v: unknown): string | null {
  if (v instanceof Tensor) return `T(${v.dtype}[${v.shape.join(',')}]${v.requiresGrad ? 'g' : ''})`;
  if (Array.isArray(v)) {
    const parts = v.map(structureKey);
    return parts.includes(null) ? null : `[${parts.join(';')}]`;
  }
  if (isPlainObject(v)) {
    const parts = Object.entries(v).map(([k, x]) => [k, structureKey(x)]);
    return parts.some((p) => p[1] === null) ? null : `{${parts.map(([k, x]) => `${JSON.stringify(k)}:${x}`).join(';')}}`;
  }
  if (v === undefined) return 'u';
  if (v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return JSON.stringify(v) + typeof v;
  return null;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
