/** @cresset/data: torch.utils.data, torchvision.datasets and torchvision.transforms. */
export * from './dataset';
export * from './sampler';
export * from './collate';
export * from './dataloader';
export * as transforms from './transforms/transforms';
export * as datasets from './datasets';
export type { WorkerDatasetSpec } from './workers/worker_pool';
