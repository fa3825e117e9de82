/**
 * The hooks through which torch.compile captures a run: while a capture sink is installed, the
 * places where JavaScript (not a kernel) gives an array its content, runs work that must happen
 * again on every replay (random draws, `.grad` bookkeeping, optimizer steps), or reads tensor
 * values tell the sink. Outside a capture each hook costs one null check.
 */
import type { TypedArray } from './dtype';

export interface CaptureSink {
  /** `data` has just been given its content by JavaScript (zeros when `zero`): a replay restores it at this point. */
  initialized(data: TypedArray, zero: boolean): void;
  /** Runs `fn` now, outside the capture, and has every replay run it again at this point. */
  live<T>(fn: () => T): T;
  /**
   * The run did what a replay cannot repeat: JavaScript read tensor values (`item()`, `tolist()`,
   * printing), so what follows may depend on them, or the like; `why` says it ("it reads ...").
   */
  read(why: string): void;
  /** The run depended on state outside tensors (a module's training flag): `holds` tells whether it is still as it was; one check per `owner`. */
  guard(owner: object, holds: () => boolean): void;
}

let sink: CaptureSink | null = null;

/** Installs the capture sink (null removes it) and returns the one it replaces. */
export function setCaptureSink(s: CaptureSink | null): CaptureSink | null {
  const previous = sink;
  sink = s;
  return previous;
}

/** True while a capture is recording. */
export function capturing(): boolean {
  return sink !== null;
}

/** Tells a capture that JavaScript has just written the whole content of `data`. */
export function noteInitialized(data: TypedArray, zero: boolean): void {
  if (sink) sink.initialized(data, zero);
}

/** Runs `fn`; under a capture, outside the recording and again on every replay (see CaptureSink.live). */
export function live<T>(fn: () => T): T {
  return sink ? sink.live(fn) : fn();
}

/** Tells a capture that the run did what a replay cannot repeat (JavaScript read tensor values); `why` says it. */
export function noteRead(why: string): void {
  if (sink) sink.read(why);
}

/** Tells a capture that the run depends on state of `owner` that `holds` checks (see CaptureSink.guard). */
export function noteGuard(owner: object, holds: () => boolean): void {
  if (sink) sink.guard(owner, holds);
}
