/**
 * Worker threads that load batches ahead of the training loop (DataLoader's numWorkers): the
 * main thread draws the batch indices (so the order is the single-process order), hands them out
 * round-robin keeping prefetchFactor batches per worker in flight, and takes the batches back in
 * order. The wait is synchronous (Atomics.wait on a shared counter, receiveMessageOnPort), so
 * `for (const batch of loader)` stays a plain loop while the workers decode the next batches.
 */
import * as path from 'path';
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from 'worker_threads';
import { AllocationError, CressetError, FormatError, getAllocationLimit, getDecodeLimit } from '@cresset/tensor';
import { fromWire } from './wire';

/** How a worker rebuilds the dataset: require(module)[exportName](...args) must return it. */
export interface WorkerDatasetSpec {
  module: string;
  exportName?: string;
  args?: unknown[];
}

interface Reply { id: number; batch?: unknown; error?: { name: string; message: string } }

/** The compiled worker script (under jest the sources run from src/, the script from dist/). */
const WORKER_SCRIPT = path.join(__dirname, __filename.endsWith('.ts') ? '../../dist/workers' : '.', 'worker_main.js');

export class WorkerPool {
  private readonly workers: { worker: Worker; port: MessagePort }[] = [];
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));

  constructor(readonly numWorkers: number, spec: WorkerDatasetSpec) {
    for (let i = 0; i < numWorkers; i++) {
      // replies come through a channel of our own, so that they can be read synchronously
      const { port1, port2 } = new MessageChannel();
      const limits = { decode: getDecodeLimit(), allocation: getAllocationLimit() }; // a worker's modules start with the defaults
      const worker = new Worker(WORKER_SCRIPT, { workerData: { spec, signal: this.signal, workerId: i, port: port2, limits }, transferList: [port2] });
      worker.unref();
      port1.unref();
      this.workers.push({ worker, port: port1 });
    }
  }

  /** Yields the batches of `batches` in order, each loaded by a worker, base seed as PyTorch's worker seeds. */
  *run(batches: Iterable<number[]>, baseSeed: bigint, prefetchFactor: number): Generator<unknown> {
    this.workers.forEach(({ worker }, i) => worker.postMessage({ type: 'seed', seed: String(BigInt.asUintN(64, baseSeed + BigInt(i))) }));
    const it = batches[Symbol.iterator]();
    const done = new Map<number, Reply>();
    let sent = 0, next = 0, exhausted = false;
    const fill = () => {
      while (!exhausted && sent - next < this.numWorkers * prefetchFactor) {
        const r = it.next();
        if (r.done) exhausted = true;
        else this.workers[sent % this.numWorkers].worker.postMessage({ type: 'batch', id: sent++, indices: r.value });
      }
    };
    fill();
    while (next < sent) {
      while (!done.has(next)) {
        const seen = Atomics.load(this.signal, 0);
        let got = false;
        for (const { port } of this.workers) {
          for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
            const reply = m.message as Reply;
            done.set(reply.id, reply);
            got = true;
          }
        }
        if (!got) Atomics.wait(this.signal, 0, seen, 1000);
      }
      const reply = done.get(next)!;
      done.delete(next++);
      if (reply.error) {
        const msg = `DataLoader worker: ${reply.error.message}`;
        const Kind = reply.error.name === 'FormatError' ? FormatError : reply.error.name === 'AllocationError' ? AllocationError : CressetError;
        throw new Kind(msg);
      }
      fill();
      yield fromWire(reply.batch);
    }
  }

  /** Ends the worker threads. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }
}
