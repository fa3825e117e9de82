/**
 * Creation functions returning Tensors, with PyTorch's signatures: sizes as varargs or one array,
 * and an options object last ({ dtype, requiresGrad, generator }).
 */
import * as T from '@cresset/tensor';
import type { DType, NestedArray, TypedArray } from '@cresset/tensor';
import { Tensor } from './tensor';

export interface CreationOptions {
  dtype?: DType | string;
  requiresGrad?: boolean;
}
export interface RandomOptions extends CreationOptions {
  generator?: T.Generator;
}

type SizeArgs<O> = (number | readonly number[] | O)[];

/** Splits (2, 3, {dtype}) or ([2, 3], {dtype}) into a shape and options. */
function parse<O extends object>(args: SizeArgs<O>, op: string): [number[], O] {
  const last = args[args.length - 1];
  const opts = (last !== undefined && typeof last === 'object' && !Array.isArray(last) ? args.pop() : {}) as O;
  const shape = T.shapeArgs(args as (number | number[])[]);
  shape.forEach((s) => {
    if (typeof s !== 'number') throw new T.ValueError(`${op}: expected sizes as numbers or one array of numbers, got ${JSON.stringify(args)}`);
  });
  return [shape, opts];
}

function wrap(a: T.NDArray, o: CreationOptions): Tensor {
  return new Tensor(a, o.requiresGrad ?? false);
}

const dt = (o: CreationOptions, op: string) => (o.dtype === undefined ? undefined : T.checkDType(o.dtype, op));

/** torch.tensor(data): float32 for numbers unless { dtype }, bool for booleans; typed arrays keep their dtype. */
export function tensor(data: NestedArray | TypedArray | Tensor, opts: CreationOptions & { shape?: number[] } = {}): Tensor {
  if (data instanceof Tensor) return wrap(opts.dtype ? T.cast(data.array, dt(opts, 'tensor')!) : data.array.clone(), opts);
  return wrap(T.tensor(data, { dtype: dt(opts, 'tensor'), shape: opts.shape }), opts);
}

export function zeros(...args: SizeArgs<CreationOptions>): Tensor {
  const [shape, o] = parse(args, 'zeros');
  return wrap(T.zeros(shape, dt(o, 'zeros')), o);
}
export function ones(...args: SizeArgs<CreationOptions>): Tensor {
  const [shape, o] = parse(args, 'ones');
  return wrap(T.ones(shape, dt(o, 'ones')), o);
}
/** torch.empty: cresset's empty tensors are zero-filled. */
export function empty(...args: SizeArgs<CreationOptions>): Tensor {
  const [shape, o] = parse(args, 'empty');
  return wrap(T.zeros(shape, dt(o, 'empty'), 'empty'), o);
}
export function full(shape: readonly number[], value: number | boolean, opts: CreationOptions = {}): Tensor {
  return wrap(T.full(shape, value, dt(opts, 'full')), opts);
}
/** torch.arange(end) / arange(start, end, step = 1). */
export function arange(start: number, end?: number | CreationOptions, step?: number | CreationOptions, opts: CreationOptions = {}): Tensor {
  if (typeof end === 'object') [opts, end] = [end, undefined];
  if (typeof step === 'object') [opts, step] = [step, undefined];
  return wrap(T.arange(start, end, step ?? 1, dt(opts, 'arange')), opts);
}
export function linspace(start: number, end: number, steps: number, opts: CreationOptions = {}): Tensor {
  return wrap(T.linspace(start, end, steps, dt(opts, 'linspace')), opts);
}
export function eye(n: number, m?: number | CreationOptions, opts: CreationOptions = {}): Tensor {
  if (typeof m === 'object') [opts, m] = [m, undefined];
  return wrap(T.eye(n, m ?? n, dt(opts, 'eye')), opts);
}
export function rand(...args: SizeArgs<RandomOptions>): Tensor {
  const [shape, o] = parse(args, 'rand');
  return wrap(T.rand(shape, dt(o, 'rand'), o.generator), o);
}
export function randn(...args: SizeArgs<RandomOptions>): Tensor {
  const [shape, o] = parse(args, 'randn');
  return wrap(T.randn(shape, dt(o, 'randn'), o.generator), o);
}
/** torch.randint(high, size) or randint(low, high, size). */
export function randint(low: number, high: number | readonly number[], size?: readonly number[] | RandomOptions, opts: RandomOptions = {}): Tensor {
  if (Array.isArray(high)) {
    if (size && !Array.isArray(size)) opts = size as RandomOptions;
    [low, high, size] = [0, low, high];
  }
  if (!Array.isArray(size)) throw new T.ValueError('randint: expected a size, as randint(low, high, size) or randint(high, size)');
  return wrap(T.randint(low, high as number, size as number[], dt(opts, 'randint'), opts.generator), opts);
}
export function randperm(n: number, opts: RandomOptions = {}): Tensor {
  return wrap(T.randperm(n, dt(opts, 'randperm'), opts.generator), opts);
}

const like = (t: Tensor, o: CreationOptions) => ({ ...o, dtype: o.dtype ?? t.dtype });
export const zerosLike = (t: Tensor, o: CreationOptions = {}) => zeros(t.shape, like(t, o));
export const onesLike = (t: Tensor, o: CreationOptions = {}) => ones(t.shape, like(t, o));
export const emptyLike = (t: Tensor, o: CreationOptions = {}) => empty(t.shape, like(t, o));
export const fullLike = (t: Tensor, v: number, o: CreationOptions = {}) => full(t.shape, v, like(t, o));
export const randLike = (t: Tensor, o: RandomOptions = {}) => rand(t.shape, like(t, o));
export const randnLike = (t: Tensor, o: RandomOptions = {}) => randn(t.shape, like(t, o));
export const randintLike = (t: Tensor, low: number, high: number, o: RandomOptions = {}) => randint(low, high, t.shape, like(t, o));
