/** The mutations every format gets: truncations and bit flips. */
import type { Rng } from './rng';
import type { Mutation } from './target';

/** The first k bytes, k in [0, length): every length is a possible cut. */
export function truncate(rng: Rng, b: Uint8Array): Mutation {
  const k = rng.next() < 0.3 ? rng.int(0, Math.min(b.length, 64)) : rng.int(0, b.length);
  return { what: `truncated to ${k} of ${b.length} bytes`, bytes: b.slice(0, k) };
}

/** One to three flipped bits, half the time within the first 64 bytes (where headers are). */
export function flipBits(rng: Rng, b: Uint8Array): Mutation {
  const out = b.slice();
  const where: string[] = [];
  for (let i = rng.int(1, 4); i > 0; i--) {
    const at = rng.next() < 0.5 ? rng.int(0, Math.min(64, b.length)) : rng.int(0, b.length);
    const bit = rng.int(0, 8);
    out[at] ^= 1 << bit;
    where.push(`${at}.${bit}`);
  }
  return { what: `bits flipped at ${where.join(', ')}`, bytes: out };
}
