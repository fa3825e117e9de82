/**
 * The program of one pool worker: instantiates the kernel module on the shared memory, then
 * loops: wait for its slot's seq to change, claim the task (unless the caller took it back), run
 * the kernel the slot names with the slot's arguments (or, for QUEUE_OP, tasks from the shared
 * queue until it is empty), publish completion (or failure) and wake the calling thread
 * (protocol.ts).
 */
import { workerData } from 'worker_threads';
import { ARGC, ARGS, awaitChange, claim, DONE, drainQueue, OP, QUEUE_HEAD, QUEUE_OP, SEQ, SLOT_INTS, STATUS, TASK_INTS, WorkerInit } from './protocol';

type Kernel = (...args: number[]) => void;
const WA = (globalThis as unknown as { WebAssembly: { Instance: new (m: object, imports: object) => { exports: Record<string, Kernel> } } }).WebAssembly;

const init = workerData as WorkerInit;
const kernels = new WA.Instance(init.module, { env: { memory: init.memory } }).exports;
const c = new Int32Array(init.control);
const q = new Int32Array(init.queue);
const base = init.slot * SLOT_INTS;
const fns = init.ops.map((name) => kernels[name]);
const args: number[] = [];
let seen = init.startSeq;
for (;;) {
  seen = awaitChange(c, base + SEQ, seen);
  // the caller may have taken the task back already
  if (!claim(c, base, seen)) continue;
  let status = 0;
  try {
    if (c[base + OP] === QUEUE_OP) {
      drainQueue(q, (t) => {
        const at = QUEUE_HEAD + t * TASK_INTS;
        args.length = q[at + 1];
        for (let i = 0; i < args.length; i++) args[i] = q[at + 2 + i];
        fns[q[at]](...args);
      });
    } else {
      const argc = c[base + ARGC];
      args.length = argc;
      for (let i = 0; i < argc; i++) args[i] = c[base + ARGS + i];
      fns[c[base + OP]](...args);
    }
  } catch {
    status = 1;
  }
  c[base + STATUS] = status;
  Atomics.store(c, base + DONE, seen);
  Atomics.notify(c, base + DONE);
}
