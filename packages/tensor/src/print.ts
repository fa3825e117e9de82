/**
 * Printing exactly as PyTorch's torch/_tensor_str.py: one formatter for the whole (summarised)
 * tensor choosing integer, fixed or scientific mode, columns padded to the widest value, rows
 * wrapped at the line width, and `...` summaries past the threshold. Python's rounding (half to
 * even on the exact binary value) and exponent spelling (e+00) are reproduced.
 */
import { DType, DEFAULT_FLOAT, isFloating, TypedArray } from './dtype';
import { ValueError } from './errors';

export interface PrintOptions {
  precision: number;
  threshold: number;
  edgeitems: number;
  linewidth: number;
  /** null: chosen per tensor, as PyTorch's sci_mode=None. */
  sciMode: boolean | null;
}

const PROFILES: Record<string, Omit<PrintOptions, 'sciMode'>> = {
  default: { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80 },
  short: { precision: 2, threshold: 1000, edgeitems: 2, linewidth: 80 },
  full: { precision: 4, threshold: Infinity, edgeitems: 3, linewidth: 80 },
};

const OPTS: PrintOptions = { ...PROFILES.default, sciMode: null };

/** torch.set_printoptions: a profile first, then the single options; sciMode is always reset to what is given. */
export function setPrintOptions(o: Partial<PrintOptions> & { profile?: 'default' | 'short' | 'full' } = {}): void {
  if (o.profile !== undefined) {
    const p = PROFILES[o.profile];
    if (!p) throw new ValueError(`set_printoptions: unknown profile '${o.profile}'; expected default, short or full`);
    Object.assign(OPTS, p);
  }
  for (const k of ['precision', 'threshold', 'edgeitems', 'linewidth'] as const) if (o[k] !== undefined) OPTS[k] = o[k]!;
  OPTS.sciMode = o.sciMode ?? null;
}

export function getPrintOptions(): PrintOptions {
  return { ...OPTS };
}

/** Python's str() of a dtype. */
export const dtypeName = (d: DType) => `torch.${d}`;

/** The exact decimal digits of x past the point are "5" followed by zeros at position digits+1: a rounding tie. */
function isTie(digitsAfter: string): boolean {
  return /^50*$/.test(digitsAfter);
}

/** Python's '{:.pf}'.format(x): JS toFixed, but ties go to even as Python rounds them. */
export function pyFixed(x: number, p: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  let s = x.toFixed(p);
  if (Math.abs(x) < 1e21) {
    const exact = x.toFixed(Math.min(100, p + 60));
    const tail = exact.slice(exact.indexOf('.') + 1 + p);
    const last = s.charCodeAt(s.length - 1) - 48;
    if (isTie(tail) && last % 2 === 1) s = exact.slice(0, exact.length - tail.length).replace(/\.$/, '');
  }
  if ((x < 0 || Object.is(x, -0)) && !s.startsWith('-')) s = '-' + s;
  return s;
}

/** Python's '{:.pe}'.format(x): mantissa rounded half to even, exponent signed with at least two digits. */
export function pyExp(x: number, p: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  let [m, e] = x.toExponential(p).split('e');
  const [xm, xe] = x.toExponential(Math.min(100, p + 30)).split('e');
  const tail = xm.slice(xm.indexOf('.') + 1 + p);
  if (isTie(tail) && (m.charCodeAt(m.length - 1) - 48) % 2 === 1) [m, e] = [xm.slice(0, xm.length - tail.length).replace(/\.$/, ''), xe];
  if (Object.is(x, -0)) m = '-' + m;
  return `${m}e${e.startsWith('-') ? '-' : '+'}${e.replace(/^[+-]/, '').padStart(2, '0')}`;
}

/** PyTorch's _Formatter: picks the mode and the column width from every value that will be shown. */
class Formatter {
  private intMode = true;
  private sciMode = false;
  private maxWidth = 1;
  private readonly floating: boolean;

  constructor(values: ArrayLike<number>, private readonly dtype: DType) {
    this.floating = isFloating(dtype);
    if (!this.floating) {
      for (let i = 0; i < values.length; i++) this.maxWidth = Math.max(this.maxWidth, this.plain(values[i]).length);
    } else {
      const finite: number[] = [];
      for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]) && values[i] !== 0) finite.push(values[i]);
      if (finite.length > 0) this.chooseFloatMode(finite);
    }
    if (OPTS.sciMode !== null) this.sciMode = OPTS.sciMode;
  }

  private chooseFloatMode(finite: number[]): void {
    let min = Infinity;
    let max = 0;
    for (const v of finite) {
      const a = Math.abs(v);
      if (a < min) min = a;
      if (a > max) max = a;
    }
    this.intMode = finite.every((v) => v === Math.ceil(v));
    const p = OPTS.precision;
    const wide = max / min > 1000 || max > 1e8;
    if (this.intMode) {
      this.sciMode = wide;
      for (const v of finite) this.maxWidth = Math.max(this.maxWidth, wide ? pyExp(v, p).length : pyFixed(v, 0).length + 1);
    } else {
      this.sciMode = wide || min < 1e-4;
      for (const v of finite) this.maxWidth = Math.max(this.maxWidth, (this.sciMode ? pyExp(v, p) : pyFixed(v, p)).length);
    }
  }

  private plain(v: number): string {
    return this.dtype === 'bool' ? (v ? 'True' : 'False') : String(v);
  }

  get width(): number {
    return this.maxWidth;
  }

  format(v: number): string {
    let s: string;
    if (!this.floating) s = this.plain(v);
    else if (this.sciMode) s = pyExp(v, OPTS.precision);
    else if (this.intMode) s = pyFixed(v, 0) + (Number.isFinite(v) ? '.' : '');
    else s = pyFixed(v, OPTS.precision);
    return s.padStart(this.maxWidth, ' ');
  }
}

const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** The values shown when summarising: edgeitems from each end of every dim (get_summarized_data). */
function summarizedValues(values: TypedArray, shape: readonly number[], start: number, out: number[]): void {
  if (shape.length === 0) {
    out.push(values[start]);
    return;
  }
  const n = shape[0];
  const inner = sizeOf(shape.slice(1));
  const e = OPTS.edgeitems;
  const rows = n > 2 * e ? [...range(0, e), ...range(n - e, n)] : range(0, n);
  for (const i of rows) summarizedValues(values, shape.slice(1), start + i * inner, out);
}

function range(a: number, b: number): number[] {
  const r: number[] = [];
  for (let i = a; i < b; i++) r.push(i);
  return r;
}

function vectorStr(values: TypedArray, n: number, start: number, indent: number, summarize: boolean, fmt: Formatter): string {
  const elementLength = fmt.width + 2;
  const perLine = Math.max(1, Math.floor((OPTS.linewidth - indent) / elementLength));
  const e = OPTS.edgeitems;
  let data: string[];
  if (summarize && e === 0) data = ['...'];
  else if (summarize && n > 2 * e) {
    data = [...range(0, e).map((i) => fmt.format(values[start + i])), ' ...', ...range(n - e, n).map((i) => fmt.format(values[start + i]))];
  } else data = range(0, n).map((i) => fmt.format(values[start + i]));
  const lines: string[] = [];
  for (let i = 0; i < data.length; i += perLine) lines.push(data.slice(i, i + perLine).join(', '));
  return '[' + lines.join(',\n' + ' '.repeat(indent + 1)) + ']';
}

function tensorStr(values: TypedArray, shape: readonly number[], start: number, indent: number, summarize: boolean, fmt: Formatter): string {
  const dim = shape.length;
  if (dim === 0) return fmt.format(values[start]);
  if (dim === 1) return vectorStr(values, shape[0], start, indent, summarize, fmt);
  const n = shape[0];
  const inner = sizeOf(shape.slice(1));
  const e = OPTS.edgeitems;
  const sub = (i: number) => tensorStr(values, shape.slice(1), start + i * inner, indent + 1, summarize, fmt);
  const slices = summarize && n > 2 * e ? [...range(0, e).map(sub), '...', ...range(n - e, n).map(sub)] : range(0, n).map(sub);
  return '[' + slices.join(',' + '\n'.repeat(dim - 1) + ' '.repeat(indent + 1)) + ']';
}

/** _add_suffixes: ", suffix" on the last line while it fits the line width, else on a new line. */
function addSuffixes(body: string, suffixes: string[], indent: number): string {
  const parts = [body];
  let lastLineLen = body.length - body.lastIndexOf('\n') + 1;
  for (const s of suffixes) {
    if (lastLineLen + s.length + 2 > OPTS.linewidth) {
      parts.push(',\n' + ' '.repeat(indent) + s);
      lastLineLen = indent + s.length;
    } else {
      parts.push(', ' + s);
      lastLineLen += s.length + 2;
    }
  }
  parts.push(')');
  return parts.join('');
}

/**
 * The repr of a tensor: `tensor(<values>, <suffixes>)`, with dtype= for dtypes other than float32,
 * int64 and bool, and size= for empty tensors that are not 1-d. `extra` suffixes (grad_fn=...,
 * requires_grad=True) come last.
 */
export function formatTensor(values: TypedArray, shape: readonly number[], dtype: DType, extra: string[] = []): string {
  const prefix = 'tensor(';
  const indent = prefix.length;
  const suffixes: string[] = [];
  const n = sizeOf(shape);
  let body: string;
  if (n === 0) {
    if (shape.length !== 1) suffixes.push(`size=(${shape.join(', ')}${shape.length === 1 ? ',' : ''})`);
    if (dtype !== DEFAULT_FLOAT) suffixes.push(`dtype=${dtypeName(dtype)}`);
    body = '[]';
  } else {
    if (dtype !== DEFAULT_FLOAT && dtype !== 'int64' && dtype !== 'bool') suffixes.push(`dtype=${dtypeName(dtype)}`);
    const summarize = n > OPTS.threshold;
    let shown: ArrayLike<number> = values;
    if (summarize) {
      const out: number[] = [];
      summarizedValues(values, shape, 0, out);
      shown = out;
    }
    body = tensorStr(values, shape, 0, indent, summarize, new Formatter(shown, dtype));
  }
  return addSuffixes(prefix + body, [...suffixes, ...extra], indent);
}
