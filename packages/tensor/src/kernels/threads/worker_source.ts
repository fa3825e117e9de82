/**
 * The program each pool worker runs (plain JavaScript, evaluated by worker_threads, so it works
 * from the TypeScript sources and from dist alike). A worker instantiates the kernel module on the
 * shared memory, then loops: wait for its slot's sequence number to change (spinning for up to
 * SPIN_MS first, then sleeping in Atomics.wait), run the kernel the slot names with the slot's
 * arguments, publish completion (or failure) and wake the main thread.
 *
 * Why spin: a training step hands the pool a task every millisecond or two, and waking a thread
 * asleep in Atomics.wait measured 0.05-0.35 ms on this 2-core VM, each way (docs/performance.md).
 * A short spin catches the next task while the core is still awake; past SPIN_MS it sleeps, so
 * an idle pool costs nothing.
 *
 * Slot layout (int32): [seq, done, status, op, argc, args...]; status 0 = ok, 1 = failed.
 */
export const SLOT_INTS = 32;
export const SEQ = 0;
export const DONE = 1;
export const STATUS = 2;
export const OP = 3;
export const ARGC = 4;
export const ARGS = 5;

/** How long a waiting thread (worker or caller) polls before it sleeps in Atomics.wait. */
export const SPIN_MS = 2;

/**
 * Polls c[i] until it differs from `seen` for at most SPIN_MS (performance.now() read every 64
 * polls), then sleeps until it does; returns the new value. Source text shared by the worker
 * program and the pool.
 */
export const AWAIT_CHANGE_SOURCE = `function awaitChange(c, i, seen) {
  let v = Atomics.load(c, i);
  if (v !== seen) return v;
  const until = performance.now() + ${SPIN_MS};
  for (let n = 1; ; n++) {
    v = Atomics.load(c, i);
    if (v !== seen) return v;
    if ((n & 63) === 0 && performance.now() > until) break;
  }
  while ((v = Atomics.load(c, i)) === seen) Atomics.wait(c, i, seen);
  return v;
}`;

export const WORKER_SOURCE = `
const { workerData } = require('worker_threads');
const { performance } = require('perf_hooks');
${AWAIT_CHANGE_SOURCE}
const { module, memory, control, slot, ops, startSeq } = workerData;
const exports = new WebAssembly.Instance(module, { env: { memory } }).exports;
const c = new Int32Array(control);
const base = slot * ${SLOT_INTS};
const fns = ops.map((name) => exports[name]);
const args = [];
let seen = startSeq;
for (;;) {
  seen = awaitChange(c, base + ${SEQ}, seen);
  let status = 0;
  try {
    const argc = c[base + ${ARGC}];
    args.length = argc;
    for (let i = 0; i < argc; i++) args[i] = c[base + ${ARGS} + i];
    fns[c[base + ${OP}]](...args);
  } catch (e) {
    status = 1;
  }
  c[base + ${STATUS}] = status;
  Atomics.store(c, base + ${DONE}, seen);
  Atomics.notify(c, base + ${DONE});
}
`;
