/**
 * metrics.png, drawn pixel by pixel with pngjs: on the left the train (blue) and test (orange)
 * loss per epoch, on the right the test accuracy (green), each with axes, ticks and labels.
 */
import { PNG } from 'pngjs';
import { drawText, GLYPH_H, textWidth } from './plot_font';
import type { EpochMetrics } from './metrics';

type RGB = [number, number, number];
const BLUE: RGB = [31, 119, 180], ORANGE: RGB = [255, 127, 14], GREEN: RGB = [44, 160, 44], INK: RGB = [40, 40, 40], GRID: RGB = [225, 225, 225];
const W = 900, H = 380;

class Canvas {
  readonly png = new PNG({ width: W, height: H });
  constructor() {
    this.png.data.fill(255);
  }
  set(x: number, y: number, c: RGB): void {
    x = Math.round(x);
    y = Math.round(y);
    if (x < 0 || y < 0 || x >= W || y >= H) return;
    const i = (y * W + x) * 4;
    this.png.data[i] = c[0];
    this.png.data[i + 1] = c[1];
    this.png.data[i + 2] = c[2];
    this.png.data[i + 3] = 255;
  }
  rect(x: number, y: number, w: number, h: number, c: RGB): void {
    for (let j = 0; j < h; j++) for (let i = 0; i < w; i++) this.set(x + i, y + j, c);
  }
  /** A line two pixels thick. */
  line(x0: number, y0: number, x1: number, y1: number, c: RGB): void {
    const n = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0), 1);
    for (let k = 0; k <= n; k++) this.rect(x0 + ((x1 - x0) * k) / n - 1, y0 + ((y1 - y0) * k) / n - 1, 2, 2, c);
  }
  text(s: string, x: number, y: number, c: RGB, scale = 1): number {
    return drawText(s, x, y, scale, (px, py) => this.set(px, py, c));
  }
}

/** Tick values: about five round numbers covering [lo, hi]. */
function ticks(lo: number, hi: number): number[] {
  const raw = (hi - lo) / 5 || 1;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(+v.toFixed(10));
  return out;
}

/** A tick label with as many decimals as the tick step needs. */
const fmt = (v: number, step: number) => v.toFixed(Math.max(0, -Math.floor(Math.log10(step) + 1e-9)));

/** One panel: axes, grid, ticks, title and curves over epochs 1..n. */
function panel(cv: Canvas, x0: number, title: [string, RGB][], series: { values: number[]; color: RGB }[], yRange: [number, number]): void {
  const left = x0 + 52, top = 40, width = W / 2 - 80, height = H - 100;
  const n = Math.max(...series.map((s) => s.values.length));
  const [ylo, yhi] = yRange;
  const px = (e: number) => left + (n <= 1 ? width / 2 : ((e - 1) / (n - 1)) * width);
  const py = (v: number) => top + height - ((v - ylo) / (yhi - ylo || 1)) * height;
  const yt = ticks(ylo, yhi);
  const step = yt.length > 1 ? yt[1] - yt[0] : 1;
  for (const v of yt) {
    const label = fmt(v, step);
    cv.rect(left, Math.round(py(v)), width, 1, GRID);
    cv.rect(left - 5, Math.round(py(v)), 5, 1, INK);
    cv.text(label, left - 8 - textWidth(label, 1), Math.round(py(v)) - 3, INK);
  }
  const every = Math.ceil(n / 10);
  for (let e = 1; e <= n; e += every) {
    cv.rect(Math.round(px(e)), top + height, 1, 5, INK);
    cv.text(String(e), Math.round(px(e)) - textWidth(String(e), 1) / 2, top + height + 9, INK);
  }
  cv.rect(left, top, 1, height + 1, INK);
  cv.rect(left, top + height, width + 1, 1, INK);
  cv.text('EPOCH', left + width / 2 - textWidth('EPOCH', 2) / 2, top + height + 24, INK, 2);
  let tx = left;
  for (const [s, c] of title) tx += cv.text(s, tx, top - 12 - 2 * GLYPH_H, c, 2);
  for (const s of series) {
    s.values.forEach((v, i) => {
      if (i > 0) cv.line(px(i), py(s.values[i - 1]), px(i + 1), py(v), s.color);
      cv.rect(px(i + 1) - 3, py(v) - 3, 6, 6, s.color);
    });
  }
}

/** The PNG bytes of the loss and accuracy curves. */
export function plotMetrics(rows: EpochMetrics[]): Buffer {
  const cv = new Canvas();
  const losses = rows.flatMap((r) => [r.trainLoss, r.testLoss]);
  const lossHi = losses.length ? Math.max(...losses) * 1.05 : 1;
  panel(cv, 0, [['LOSS: ', INK], ['TRAIN ', BLUE], ['TEST', ORANGE]], [{ values: rows.map((r) => r.trainLoss), color: BLUE }, { values: rows.map((r) => r.testLoss), color: ORANGE }], [0, lossHi]);
  const acc = rows.map((r) => 100 * r.testAccuracy);
  const accLo = acc.length ? Math.max(0, Math.floor(Math.min(...acc) / 10) * 10 - 10) : 0;
  panel(cv, W / 2, [['TEST ACCURACY %', GREEN]], [{ values: acc, color: GREEN }], [accLo, 100]);
  return PNG.sync.write(cv.png);
}
