/**
 * The program each pool worker runs (plain JavaScript, evaluated by worker_threads, so it works
 * from the TypeScript sources and from dist alike). A worker instantiates the kernel module on the
 * shared memory, then loops: sleep on its slot's sequence number, run the kernel the slot names
 * with the slot's arguments, publish completion (or failure) and wake the main thread.
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

export const WORKER_SOURCE = `
const { workerData } = require('worker_threads');
const { module, memory, control, slot, ops, startSeq } = workerData;
const exports = new WebAssembly.Instance(module, { env: { memory } }).exports;
const c = new Int32Array(control);
const base = slot * ${SLOT_INTS};
const fns = ops.map((name) => exports[name]);
const args = [];
let seen = startSeq;
for (;;) {
  Atomics.wait(c, base + ${SEQ}, seen);
  seen = Atomics.load(c, base + ${SEQ});
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
