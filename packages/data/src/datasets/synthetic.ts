/**
 * The embedded CIFAR-like dataset: 32x32 RGB images of 10 classes (five shapes, five textures),
 * drawn deterministically from a seed with jittered position, size, rotation, colours, a random
 * background gradient, occluders and pixel noise, so that the task is learnable but LeNet does not
 * reach 100%. It is written once, atomically, in the CIFAR-10 binary format, so the real CIFAR10
 * loader reads it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Generator } from '@cresset/tensor';

export const SYNTHETIC_CLASSES = ['disc', 'square', 'triangle', 'cross', 'ring', 'hstripes', 'vstripes', 'checker', 'diagonal', 'dots'];

export interface SyntheticOptions {
  seed?: number;
  /** Images per training batch file (5 files). */
  perTrainFile?: number;
  testSize?: number;
}

const S = 32;

/** Draws from the seeded generator: uniform in [a, b). */
class Draw {
  constructor(private g: Generator) {}
  u(a = 0, b = 1): number {
    return a + (b - a) * (this.g.random() / 4294967296);
  }
  int(n: number): number {
    return Math.floor(this.u(0, n));
  }
  normal(): number {
    const u1 = 1 - this.u();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * this.u());
  }
}

/** HSV (all in [0, 1]) to RGB. */
function hsv(h: number, s: number, v: number): [number, number, number] {
  const i = Math.floor(((h % 1) + 1) % 1 * 6);
  const f = ((h % 1) + 1) % 1 * 6 - i;
  const p = v * (1 - s), q = v * (1 - f * s), t = v * (1 - (1 - f) * s);
  return ([[v, t, p], [q, v, p], [p, v, t], [p, q, v], [t, p, v], [v, p, q]] as [number, number, number][])[i % 6];
}

/** Coverage in [0, 1] of pixel (x, y) for class k, in shape coordinates (u, v) relative to the centre. */
function coverage(k: number, u: number, v: number, r: number, period: number, phase: number): number {
  const soft = (d: number) => Math.min(1, Math.max(0, 0.5 - d)); // anti-aliased edge, d = signed distance in pixels
  switch (k) {
    case 0: return soft(Math.hypot(u, v) - r);
    case 1: return soft(Math.max(Math.abs(u), Math.abs(v)) - r * 0.85);
    case 2: return soft(Math.max(v - r * 0.7, -0.866 * u - 0.5 * v - r * 0.45, 0.866 * u - 0.5 * v - r * 0.45));
    case 3: return soft(Math.min(Math.max(Math.abs(u) - r * 0.3, Math.abs(v) - r), Math.max(Math.abs(v) - r * 0.3, Math.abs(u) - r)));
    case 4: return soft(Math.abs(Math.hypot(u, v) - r * 0.75) - r * 0.25);
    case 5: return Math.sin((v / period) * Math.PI * 2 + phase) > 0 ? 1 : 0;
    case 6: return Math.sin((u / period) * Math.PI * 2 + phase) > 0 ? 1 : 0;
    case 7: return (Math.floor(u / period + phase) + Math.floor(v / period + phase)) % 2 === 0 ? 1 : 0;
    case 8: return Math.sin(((u + v) / period) * Math.PI * 1.4 + phase) > 0 ? 1 : 0;
    default: {
      const du = ((u / period + phase) % 1 + 1) % 1 - 0.5;
      const dv = ((v / period + phase) % 1 + 1) % 1 - 0.5;
      return soft((Math.hypot(du, dv) - 0.28) * period);
    }
  }
}

/** Renders one image of class k into out (CHW planes, uint8). */
function render(k: number, d: Draw, out: Uint8Array, off: number): void {
  const hue = k / 10 + d.u(-0.12, 0.12); // class colour with jitter wide enough to overlap neighbours
  const fg = hsv(hue, d.u(0.35, 1), d.u(0.45, 1));
  const bgA = hsv(d.u(), d.u(0, 0.6), d.u(0.1, 0.9));
  const bgB = hsv(d.u(), d.u(0, 0.6), d.u(0.1, 0.9));
  const angle = d.u(0, Math.PI * 2);
  const [ca, sa] = [Math.cos(angle), Math.sin(angle)];
  const cx = 15.5 + d.u(-6, 6), cy = 15.5 + d.u(-6, 6);
  const r = d.u(6, 12);
  const period = d.u(3, 7), phase = d.u(0, Math.PI * 2);
  const textured = k >= 5;
  const gdir = d.u(0, Math.PI * 2);
  const noise = d.u(0.03, 0.18);
  const occ = d.u() < 0.35 ? { x: d.int(S), y: d.int(S), w: 4 + d.int(10), h: 4 + d.int(10), c: hsv(d.u(), d.u(), d.u()) } : null;
  for (let y = 0; y < S; y++) {
    for (let x = 0; x < S; x++) {
      const dx = x - cx, dy = y - cy;
      const u = ca * dx + sa * dy, v = -sa * dx + ca * dy;
      // textures fill a soft-edged disc region; shapes are drawn as themselves
      let m = coverage(k, u, v, r, period, phase);
      if (textured) m *= Math.min(1, Math.max(0, (r * 1.3 - Math.hypot(dx, dy)) / 2));
      const t = 0.5 + ((x - 15.5) * Math.cos(gdir) + (y - 15.5) * Math.sin(gdir)) / 44;
      for (let c = 0; c < 3; c++) {
        let val = (bgA[c] * (1 - t) + bgB[c] * t) * (1 - m) + fg[c] * m;
        if (occ && x >= occ.x && x < occ.x + occ.w && y >= occ.y && y < occ.y + occ.h) val = occ.c[c];
        val += noise * d.normal();
        out[off + c * S * S + y * S + x] = Math.max(0, Math.min(255, Math.round(val * 255)));
      }
    }
  }
}

/** CIFAR-10 binary records (label byte + 3072 pixels) of n images with balanced shuffled labels. */
function makeRecords(n: number, d: Draw): Uint8Array {
  const rec = 1 + 3 * S * S;
  const buf = new Uint8Array(n * rec);
  for (let i = 0; i < n; i++) {
    const k = (i + d.int(10)) % 10;
    buf[i * rec] = k;
    render(k, d, buf, i * rec + 1);
  }
  return buf;
}

/**
 * Writes the dataset into `dir` (data_batch_1..5.bin, test_batch.bin, batches.meta.txt) unless it
 * is already there, building it in a temporary folder renamed into place so a reader never sees
 * half a dataset. Returns `dir`.
 */
export function ensureSyntheticCifar(dir: string, opts: SyntheticOptions = {}): string {
  const { seed = 0, perTrainFile = 2000, testSize = 2000 } = opts;
  const stamp = path.join(dir, 'synthetic.json');
  const meta = JSON.stringify({ seed, perTrainFile, testSize, version: 1 });
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === meta) return dir;
  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  fs.mkdirSync(tmp, { recursive: true });
  const d = new Draw(new Generator(seed));
  for (let f = 1; f <= 5; f++) fs.writeFileSync(path.join(tmp, `data_batch_${f}.bin`), makeRecords(perTrainFile, d));
  fs.writeFileSync(path.join(tmp, 'test_batch.bin'), makeRecords(testSize, d));
  fs.writeFileSync(path.join(tmp, 'batches.meta.txt'), SYNTHETIC_CLASSES.join('\n') + '\n');
  fs.writeFileSync(path.join(tmp, 'synthetic.json'), meta);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(path.resolve(dir)), { recursive: true });
  fs.renameSync(tmp, dir);
  return dir;
}
