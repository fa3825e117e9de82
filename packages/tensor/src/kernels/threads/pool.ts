/**
 * A pool of worker threads that run wasm kernels on the runtime's shared memory. The API stays
 * synchronous: `run` hands one task to each worker through a shared control block, runs the first
 * task on the calling thread, then waits (a short spin, then Atomics.wait) until every worker is done. Workers are
 * unref'd, so an idle pool never keeps the process alive.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { ValueError } from '../../errors';
import { POOL_OPS, PoolOp } from '../wasm/kernel_exports';
import type { WasmRuntime } from '../wasm/runtime';
import { ARGC, ARGS, awaitChange, claim, DONE, drainQueue, OP, QUEUE_COUNT, QUEUE_HEAD, QUEUE_NEXT, QUEUE_OP, QUEUE_TASKS, SEQ, SLOT_INTS, STATUS, TASK_INTS, WorkerInit } from './protocol';

export type { PoolOp };

/**
 * The compiled worker program: beside this file in dist/, or, when this file runs from the
 * TypeScript sources (tests, ts-node), the built twin in dist/.
 */
function workerFile(): string {
  const candidates = [path.join(__dirname, 'worker.js'), path.resolve(__dirname, '..', '..', '..', 'dist', 'kernels', 'threads', 'worker.js')];
  const found = candidates.find((f) => fs.existsSync(f));
  if (!found) throw new ValueError(`thread pool: the worker program is not built (looked for ${candidates.join(' and ')}); run 'npm run build'`);
  return found;
}

export interface Task {
  op: PoolOp;
  args: number[];
}

const MAX_WORKERS = 255; // setNumThreads allows 256 threads in all

export class ThreadPool {
  private readonly workers: Worker[] = [];
  private readonly control = new Int32Array(new SharedArrayBuffer(MAX_WORKERS * SLOT_INTS * 4));
  private readonly queue = new Int32Array(new SharedArrayBuffer((QUEUE_HEAD + QUEUE_TASKS * TASK_INTS) * 4));

  constructor(private readonly rt: WasmRuntime) {}

  /** Number of threads a run uses: the workers plus the calling thread. */
  get threads(): number {
    return this.workers.length + 1;
  }

  /** Grows or shrinks the pool to `threads` threads in all (the caller counts as one). */
  resize(threads: number): void {
    threads = Math.min(Math.max(1, threads), MAX_WORKERS + 1);
    while (this.workers.length > threads - 1) void this.workers.pop()!.terminate();
    while (this.workers.length < threads - 1) {
      const slot = this.workers.length;
      const init: WorkerInit = {
        module: this.rt.module, memory: this.rt.memory, control: this.control.buffer as SharedArrayBuffer, queue: this.queue.buffer as SharedArrayBuffer,
        slot, ops: POOL_OPS, startSeq: this.control[slot * SLOT_INTS + SEQ],
      };
      const w = new Worker(workerFile(), { workerData: init });
      w.unref();
      this.workers.push(w);
    }
  }

  /**
   * Runs the tasks, returning when all are done. Up to `threads` tasks: tasks[0] here and
   * tasks[1..] offered to workers 0..; more (at most QUEUE_TASKS): all in the shared queue, which
   * this thread and every worker drain, so a slower thread takes fewer. A task or queue share no
   * worker has claimed by the time this thread is free is taken back (and run here), so a worker
   * that is slow to wake, or descheduled on a busy machine, never stalls the call.
   */
  run(tasks: readonly Task[], runHere: (t: Task) => void): void {
    if (tasks.length > this.threads && tasks.length > QUEUE_TASKS) throw new ValueError(`thread pool: ${tasks.length} tasks, more than the queue's ${QUEUE_TASKS}`);
    const queued = tasks.length > this.threads;
    const c = this.control;
    if (queued) {
      const q = this.queue;
      tasks.forEach((t, i) => {
        const at = QUEUE_HEAD + i * TASK_INTS;
        q[at] = POOL_OPS.indexOf(t.op);
        q[at + 1] = t.args.length;
        for (let j = 0; j < t.args.length; j++) q[at + 2 + j] = t.args[j];
      });
      q[QUEUE_COUNT] = tasks.length;
      Atomics.store(q, QUEUE_NEXT, 0);
    }
    const offered = queued ? this.threads : tasks.length;
    for (let i = 1; i < offered; i++) {
      const base = (i - 1) * SLOT_INTS;
      // each slot counts its own seqs, so its claims only ever lag its posts by one
      const seq = (c[base + SEQ] + 1) | 0;
      if (queued) {
        c[base + OP] = QUEUE_OP;
      } else {
        const t = tasks[i];
        c[base + OP] = POOL_OPS.indexOf(t.op);
        c[base + ARGC] = t.args.length;
        for (let j = 0; j < t.args.length; j++) c[base + ARGS + j] = t.args[j];
      }
      Atomics.store(c, base + SEQ, seq);
      Atomics.notify(c, base + SEQ);
    }
    let failure: unknown = null;
    const attempt = (t: Task) => {
      try {
        runHere(t);
      } catch (e) {
        failure ??= e;
      }
    };
    const taken: boolean[] = [];
    if (queued) {
      drainQueue(this.queue, (i) => attempt(tasks[i]));
      for (let i = 1; i < offered; i++) taken[i] = claim(c, (i - 1) * SLOT_INTS, c[(i - 1) * SLOT_INTS + SEQ]);
    } else {
      if (tasks.length > 0) attempt(tasks[0]);
      for (let i = 1; i < offered; i++) {
        taken[i] = claim(c, (i - 1) * SLOT_INTS, c[(i - 1) * SLOT_INTS + SEQ]);
        if (taken[i]) attempt(tasks[i]);
      }
    }
    for (let i = 1; i < offered; i++) {
      if (taken[i]) continue;
      const base = (i - 1) * SLOT_INTS;
      for (let done = Atomics.load(c, base + DONE); done !== c[base + SEQ]; ) done = awaitChange(c, base + DONE, done);
      if (c[base + STATUS] !== 0) failure ??= new ValueError(`thread pool: ${queued ? 'a queued task' : tasks[i].op} failed on worker ${i - 1}`);
    }
    if (failure) throw failure;
  }
}
