/** Running a model in eval mode (as torch.onnx.export does) and restoring each module's mode after. */
import type { Module } from '@cresset/nn';

export function inEvalMode<T>(model: Module, body: () => T): T {
  const modes = model.modules().map((m) => [m, m.training] as const);
  model.eval();
  try {
    return body();
  } finally {
    for (const [m, training] of modes) m.training = training;
  }
}
