/**
 * The random number generator: PyTorch's CPUGeneratorImpl, an mt19937 engine seeded exactly as
 * `at::mt19937(seed)` seeds it (the low 32 bits of the seed), plus the cached second normal sample
 * that PyTorch keeps between calls. `manualSeed(s)` therefore reproduces PyTorch's streams.
 */
import { ValueError } from '../errors';

const N = 624;
const M = 397;

/** The seed torch.Generator() starts from when none is given (c10's default_rng_seed_val). */
export const DEFAULT_RNG_SEED = 67280421310721n;

/** A generator's whole state, enough to resume its streams (Generator.getState / setState). */
export interface GeneratorState {
  seed: string;
  mt: number[];
  index: number;
  nextDoubleNormal: number | null;
  nextFloatNormal: number | null;
}

function toSeed(seed: number | bigint, op: string): bigint {
  if (typeof seed === 'number') {
    if (!Number.isInteger(seed)) throw new ValueError(`${op}: seed must be an integer, got ${seed}`);
    seed = BigInt(seed);
  }
  // PyTorch accepts negative seeds and reinterprets them as unsigned 64-bit values.
  return BigInt.asUintN(64, seed);
}

export class Generator {
  private readonly mt = new Uint32Array(N);
  private index = N;
  private seed = DEFAULT_RNG_SEED;
  /** PyTorch's next_double_normal_sample: the sin half of the last Box-Muller pair. */
  nextDoubleNormal: number | null = null;
  /** PyTorch's next_float_normal_sample. */
  nextFloatNormal: number | null = null;

  constructor(seed: number | bigint = DEFAULT_RNG_SEED) {
    this.manualSeed(seed);
  }

  /** Seeds the engine as at::mt19937 does (init_with_uint32 of the low 32 bits) and drops cached normals. */
  manualSeed(seed: number | bigint): this {
    this.seed = toSeed(seed, 'manual_seed');
    const mt = this.mt;
    mt[0] = Number(this.seed & 0xffffffffn);
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.index = N;
    this.nextDoubleNormal = null;
    this.nextFloatNormal = null;
    return this;
  }

  /** The seed last given (torch.Generator.initial_seed). */
  initialSeed(): bigint {
    return this.seed;
  }

  /** Seeds from a non-deterministic source and returns that seed (torch.Generator.seed). */
  seedRandomly(): bigint {
    const words = new Uint32Array(2);
    require('crypto').randomFillSync(words);
    const s = (BigInt(words[0]) << 32n) | BigInt(words[1]);
    this.manualSeed(s);
    return s;
  }

  /** Regenerates the 624 words of state (mt19937's twist), in three runs so no index wraps. */
  private twist(): void {
    const mt = this.mt;
    const step = (i: number, next: number, far: number) => {
      const y = (mt[i] & 0x80000000) | (mt[next] & 0x7fffffff);
      mt[i] = mt[far] ^ (y >>> 1) ^ (-(y & 1) & 0x9908b0df);
    };
    let i = 0;
    for (; i < N - M; i++) step(i, i + 1, i + M);
    for (; i < N - 1; i++) step(i, i + 1, i + M - N);
    step(N - 1, 0, M - 1);
    this.index = 0;
  }

  /** The next 32-bit draw of the engine, as an unsigned number (CPUGeneratorImpl::random). */
  random(): number {
    if (this.index >= N) this.twist();
    let y = this.mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** The next 64-bit draw (CPUGeneratorImpl::random64: the first 32-bit draw is the high word). */
  random64(): bigint {
    const hi = this.random();
    const lo = this.random();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /** A double uniform on [0, 1) from the low 53 bits of random64(), as uniform_real_distribution<double>. */
  uniformDouble(): number {
    const hi = this.random();
    const lo = this.random();
    return ((hi & 0x1fffff) * 4294967296 + lo) / 9007199254740992;
  }

  /** A float uniform on [0, 1) from the low 24 bits of random(), as uniform_real_distribution<float>. */
  uniformFloat(): number {
    return (this.random() & 0xffffff) / 16777216;
  }

  /** A copy of the whole state (torch.Generator.get_state), JSON-serialisable. */
  getState(): GeneratorState {
    return {
      seed: this.seed.toString(),
      mt: Array.from(this.mt),
      index: this.index,
      nextDoubleNormal: this.nextDoubleNormal,
      nextFloatNormal: this.nextFloatNormal,
    };
  }

  /** Restores a state from getState (torch.Generator.set_state). */
  setState(state: GeneratorState): this {
    if (!state || !Array.isArray(state.mt) || state.mt.length !== N || !Number.isInteger(state.index) || state.index < 0 || state.index > N) {
      throw new ValueError(`Generator.setState: expected a state from getState() with ${N} mt words and an index in [0, ${N}]`);
    }
    this.seed = BigInt(state.seed);
    this.mt.set(state.mt);
    this.index = state.index;
    this.nextDoubleNormal = state.nextDoubleNormal;
    this.nextFloatNormal = state.nextFloatNormal;
    return this;
  }
}

/** The default generator behind every random function (torch.default_generator), seeded non-deterministically as PyTorch's. */
export const defaultGenerator = new Generator();
defaultGenerator.seedRandomly();

/** torch.manual_seed: seeds the default generator and returns it. */
export function manualSeed(seed: number | bigint): Generator {
  return defaultGenerator.manualSeed(seed);
}

/** torch.initial_seed. */
export function initialSeed(): bigint {
  return defaultGenerator.initialSeed();
}

/** torch.seed: a non-deterministic seed for the default generator, returned. */
export function seed(): bigint {
  return defaultGenerator.seedRandomly();
}

/** torch.get_rng_state / torch.set_rng_state for the default generator. */
export const getRngState = (): GeneratorState => defaultGenerator.getState();
export const setRngState = (state: GeneratorState): Generator => defaultGenerator.setState(state);
