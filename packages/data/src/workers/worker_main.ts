/**
 * The body of a DataLoader worker thread: it rebuilds the dataset from its module (a Dataset
 * object cannot cross threads), then for each task loads the samples at the given indices,
 * collates them and posts the batch back, waking the main thread through a shared counter.
 */
import { MessagePort, parentPort, workerData } from 'worker_threads';
import { manualSeed, setAllocationLimit, setDecodeLimit } from '@cresset/tensor';
import { defaultCollate } from '../collate';
import type { Dataset } from '../dataset';
import { toWire } from './wire';
import type { WorkerDatasetSpec } from './worker_pool';

interface Init { spec: WorkerDatasetSpec; signal: Int32Array; workerId: number; port: MessagePort; limits: { decode: number; allocation: number } }
type Task = { type: 'seed'; seed: string } | { type: 'batch'; id: number; indices: number[] };

const { spec, signal, port, limits } = workerData as Init;
setDecodeLimit(limits.decode);
setAllocationLimit(limits.allocation);
/** The dataset, or why it could not be built (reported with the first task: the main thread is waiting on tasks). */
function build(): Dataset<unknown> | Error {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const factory = require(spec.module)[spec.exportName ?? 'default'] as (...args: unknown[]) => Dataset<unknown>;
    if (typeof factory !== 'function') return new Error(`${spec.module} exports no function ${spec.exportName ?? 'default'} to build the dataset`);
    return factory(...(spec.args ?? []));
  } catch (e) {
    return e as Error;
  }
}
const dataset = build();

function reply(msg: unknown, transfer: ArrayBuffer[] = []): void {
  port.postMessage(msg, transfer);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

parentPort!.on('message', (task: Task) => {
  if (task.type === 'seed') {
    manualSeed(BigInt(task.seed)); // PyTorch seeds worker i with base_seed + i
    return;
  }
  try {
    if (dataset instanceof Error) throw dataset;
    const batch = defaultCollate(task.indices.map((i) => dataset.get(i)));
    const { value, transfer } = toWire(batch);
    reply({ id: task.id, batch: value }, transfer);
  } catch (e) {
    reply({ id: task.id, error: { name: (e as Error).name, message: (e as Error).message } });
  }
});
