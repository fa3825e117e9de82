/** What the fuzz driver needs from each reader under test. */
import type { Rng } from './rng';

/** A changed copy of one of a target's files, and what was changed. */
export interface Mutation {
  what: string;
  bytes: Uint8Array;
}

export interface Target {
  /** Writes the original files into `dir` (with cresset's writers where cresset has one); returns the files a case may change. */
  setup(dir: string): string[];
  /** A seeded edit of the format's header fields of `bytes` (the contents of `file`), keeping the rest. */
  editHeader(rng: Rng, bytes: Uint8Array, file: string): Mutation;
  /** Reads the files in `dir` as a user would, returning what the reader gives. */
  read(dir: string): unknown;
  /** Null if `result` is what the (changed) file `file` holding `bytes` says; else why it is not. */
  check(result: unknown, file: string, bytes: Uint8Array, dir: string): string | null;
}
