/** A 5x7 bitmap font for the plot's labels: digits, '.', '%', '-' and the capitals the labels use. */
const GLYPHS: Record<string, number[]> = {
  '0': [14, 17, 19, 21, 25, 17, 14], '1': [4, 12, 4, 4, 4, 4, 14], '2': [14, 17, 1, 2, 4, 8, 31], '3': [31, 2, 4, 2, 1, 17, 14],
  '4': [2, 6, 10, 18, 31, 2, 2], '5': [31, 16, 30, 1, 1, 17, 14], '6': [6, 8, 16, 30, 17, 17, 14], '7': [31, 1, 2, 4, 8, 8, 8],
  '8': [14, 17, 17, 14, 17, 17, 14], '9': [14, 17, 17, 15, 1, 2, 12], '.': [0, 0, 0, 0, 0, 12, 12], '%': [24, 25, 2, 4, 8, 19, 3],
  '-': [0, 0, 0, 31, 0, 0, 0], ' ': [0, 0, 0, 0, 0, 0, 0],
  A: [14, 17, 17, 31, 17, 17, 17], C: [14, 17, 16, 16, 16, 17, 14], E: [31, 16, 16, 30, 16, 16, 31], H: [17, 17, 17, 31, 17, 17, 17],
  I: [14, 4, 4, 4, 4, 4, 14], L: [16, 16, 16, 16, 16, 16, 31], N: [17, 25, 21, 19, 17, 17, 17], O: [14, 17, 17, 17, 17, 17, 14],
  P: [30, 17, 17, 30, 16, 16, 16], R: [30, 17, 17, 30, 20, 18, 17], S: [15, 16, 16, 14, 1, 1, 30], T: [31, 4, 4, 4, 4, 4, 4],
  U: [17, 17, 17, 17, 17, 17, 14], Y: [17, 17, 10, 4, 4, 4, 4],
};

export const GLYPH_W = 5, GLYPH_H = 7;

/** Calls set(x, y) for every lit pixel of `text` drawn at (x, y), `scale` pixels per font pixel; returns the width drawn. */
export function drawText(text: string, x: number, y: number, scale: number, set: (x: number, y: number) => void): number {
  let cx = x;
  for (const ch of text.toUpperCase()) {
    const rows = GLYPHS[ch] ?? GLYPHS[' '];
    rows.forEach((bits, r) => {
      for (let c = 0; c < GLYPH_W; c++) {
        if (!(bits & (1 << (GLYPH_W - 1 - c)))) continue;
        for (let dy = 0; dy < scale; dy++) for (let dx = 0; dx < scale; dx++) set(cx + c * scale + dx, y + r * scale + dy);
      }
    });
    cx += (GLYPH_W + 1) * scale;
  }
  return cx - x;
}

export const textWidth = (text: string, scale: number) => text.length * (GLYPH_W + 1) * scale;
