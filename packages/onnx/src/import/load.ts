/** torch.onnx.load (an ONNX file as a Module on cresset's kernels) and loadInitializers (its weights as a state dict). */
import { Tensor } from '@cresset/autograd';
import type { StateDict } from '@cresset/nn';
import { readModel } from '../schema/codec';
import { tensorFromProto } from '../schema/tensor_proto';
import { OnnxModule } from './onnx_module';

export function load(path: string): OnnxModule {
  return new OnnxModule(readModel(path, 'onnx.load'), `onnx.load('${path}')`);
}

/** The initializers of an ONNX file by name (a null-prototype object), to pass to a matching model's loadStateDict. */
export function loadInitializers(path: string): StateDict {
  const model = readModel(path, 'onnx.loadInitializers');
  const sd: StateDict = Object.create(null);
  for (const tp of model.graph!.initializer ?? []) {
    sd[tp.name ?? ''] = new Tensor(tensorFromProto(tp, `onnx.loadInitializers('${path}'): initializer '${tp.name}'`));
  }
  return sd;
}
