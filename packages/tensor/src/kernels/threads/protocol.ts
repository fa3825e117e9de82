/**
 * How the calling thread and the pool's workers talk: one control slot of int32 per worker in a
 * shared buffer, [seq, done, status, claimed, op, argc, args...]. The caller writes the op code
 * (an index into POOL_OPS), the arguments and a new seq. Whoever first moves `claimed` to that
 * seq runs the task: the worker when it wakes, or the caller once it has finished its own share
 * (then the worker skips it). A worker that ran the task sets status (0 ok, 1 failed) and
 * publishes done = seq.
 *
 * Both sides wait by polling for up to SPIN_MS before sleeping in Atomics.wait: waking a thread
 * asleep in Atomics.wait takes 0.05-0.35 ms on a loaded 2-core machine (docs/performance.md), and
 * the spin catches a task posted soon after the last while the core is still awake. The spin is
 * short, because a core spinning longer is a core the JavaScript engine's own helper threads
 * (garbage collection, compilation) cannot have between tasks; past SPIN_MS the thread sleeps, so
 * an idle pool costs nothing, and a task a sleeping worker has not claimed yet is taken back by
 * the caller (pool.ts).
 */
export const SLOT_INTS = 32;
export const SEQ = 0;
export const DONE = 1;
export const STATUS = 2;
export const CLAIMED = 3;
export const OP = 4;
export const ARGC = 5;
export const ARGS = 6;

/**
 * The task queue, for runs with more tasks than threads: [next, count, then QUEUE_TASKS tasks of
 * TASK_INTS int32 each: op, argc, args...]. A slot whose op is QUEUE_OP tells its worker to take
 * tasks from the queue (next++) until none is left.
 */
export const QUEUE_NEXT = 0;
export const QUEUE_COUNT = 1;
export const QUEUE_HEAD = 2;
export const TASK_INTS = 32;
export const QUEUE_TASKS = 256;
export const QUEUE_OP = -1;

/** Runs queued tasks until the queue is empty; `run(i)` runs task i. */
export function drainQueue(q: Int32Array, run: (i: number) => void): void {
  for (let i = Atomics.add(q, QUEUE_NEXT, 1); i < q[QUEUE_COUNT]; i = Atomics.add(q, QUEUE_NEXT, 1)) run(i);
}

/** How long a waiting thread (worker or caller) polls before it sleeps in Atomics.wait. */
export const SPIN_MS = 0.3;

/** Polls c[i] until it differs from `seen` for at most SPIN_MS (the clock read every 64 polls), then sleeps until it does; returns the new value. */
export function awaitChange(c: Int32Array, i: number, seen: number): number {
  let v = Atomics.load(c, i);
  if (v !== seen) return v;
  const until = performance.now() + SPIN_MS;
  for (let n = 1; ; n++) {
    v = Atomics.load(c, i);
    if (v !== seen) return v;
    if ((n & 63) === 0 && performance.now() > until) break;
  }
  while ((v = Atomics.load(c, i)) === seen) Atomics.wait(c, i, seen);
  return v;
}

/**
 * Claims the task posted with `seq` in the slot at `base`: true for the one thread that gets it.
 * A claim succeeds only while `claimed` is older than seq (compared modulo 2^32), so a worker that
 * read seq and was descheduled while the caller took that task back, returned and posted (and
 * perhaps took back) a newer one cannot claim the slot then, and run the newer task's arguments
 * a second time into memory its caller has moved on from.
 */
export function claim(c: Int32Array, base: number, seq: number): boolean {
  const cur = Atomics.load(c, base + CLAIMED);
  return ((seq - cur) | 0) > 0 && Atomics.compareExchange(c, base + CLAIMED, cur, seq) === cur;
}

/** What a worker is started with. */
export interface WorkerInit {
  module: object;
  memory: object;
  control: SharedArrayBuffer;
  queue: SharedArrayBuffer;
  slot: number;
  ops: readonly string[];
  startSeq: number;
}
