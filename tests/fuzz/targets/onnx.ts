/**
 * torch.onnx.load and loadInitializers on a small conv net that torch.onnx.export wrote. A result
 * is right when every initializer holds the values its TensorProto stores and the graph's output
 * has the exported shape [1, 4].
 */
import * as path from 'path';
import * as torch from 'cresset';
import type { ModelProto, TensorProto } from '@cresset/onnx';
import type { Rng } from '../rng';
import type { Mutation, Target } from '../target';

const { nn } = torch;
const FILE = 'net.onnx';
let input: torch.Tensor;

/** The values a TensorProto stores, read from its bytes or typed fields. */
function storedValues(tp: TensorProto): number[] {
  if (tp.rawData && tp.rawData.length) {
    const raw = Buffer.from(tp.rawData);
    const size = ({ 1: 4, 7: 8, 11: 8, 6: 4, 2: 1, 9: 1 } as Record<number, number>)[tp.dataType ?? 0] ?? 1;
    const out: number[] = [];
    for (let at = 0; at + size <= raw.length; at += size) {
      out.push(({ 1: () => raw.readFloatLE(at), 7: () => Number(raw.readBigInt64LE(at)), 11: () => raw.readDoubleLE(at), 6: () => raw.readInt32LE(at) } as Record<number, () => number>)[tp.dataType ?? 0]?.() ?? (tp.dataType === 9 ? Number(raw[at] !== 0) : raw[at]));
    }
    return out;
  }
  return (tp.floatData ?? tp.doubleData ?? tp.int64Data ?? tp.int32Data ?? []).map(Number);
}

const INTS: number[][] = [[0, 0], [1e9, 1], [-1, -1], [1], [2, 2], [3, 3, 3, 3], [-2, 0, 0, 0]];

/** One seeded edit of the decoded model, encoded again. */
function editHeader(rng: Rng, bytes: Uint8Array): Mutation {
  const m = torch.onnx.decodeModel(bytes) as ModelProto;
  const g = m.graph!;
  const inits = g.initializer ?? [];
  const nodes = g.node ?? [];
  const tp = rng.pick(inits);
  const node = rng.pick(nodes);
  let what: string;
  switch (rng.int(0, 9)) {
    case 0: {
      const dims = [...(tp.dims ?? []).map(Number)];
      dims[rng.int(0, dims.length)] = rng.pick([-5, 0, 1e9, 2 ** 40, 3]);
      tp.dims = dims;
      what = `dims of initializer '${tp.name}' set to [${dims}]`;
      break;
    }
    case 1:
      tp.dataType = rng.pick([0, 2, 6, 7, 9, 10, 11, 16]);
      what = `dataType of '${tp.name}' set to ${tp.dataType}`;
      break;
    case 2:
      tp.rawData = (tp.rawData ?? new Uint8Array()).slice(0, Math.max(0, (tp.rawData?.length ?? 0) - rng.pick([1, 3, 4, 8])));
      what = `raw_data of '${tp.name}' shortened to ${tp.rawData.length} bytes`;
      break;
    case 3: {
      const a = rng.pick(['strides', 'kernel_shape', 'pads', 'dilations', 'group', 'transB']);
      const ints = rng.pick(INTS);
      node.attribute = [...(node.attribute ?? []).filter((x) => x.name !== a), a === 'group' || a === 'transB' ? { name: a, type: 2, i: ints[0] } : { name: a, type: 7, ints }];
      what = `attribute ${a} of node '${node.name}' (${node.opType}) set to [${ints}]`;
      break;
    }
    case 4:
      node.input = [...(node.input ?? [])];
      node.input[rng.int(0, node.input.length)] = rng.pick(['nowhere', '', tp.name ?? '']);
      what = `an input of node '${node.name}' set to ${JSON.stringify(node.input)}`;
      break;
    case 5:
      m.opsetImport = [{ domain: '', version: rng.pick([0, 1, 6, 99]) }];
      what = `opset set to ${m.opsetImport[0].version}`;
      break;
    case 6:
      node.opType = rng.pick(['Erf', 'Relu', 'Conv', 'MaxPool', '']);
      what = `op of node '${node.name}' set to ${node.opType}`;
      break;
    case 7:
      tp.name = rng.pick(['__proto__', 'constructor', 'training', '', 'a..b']);
      what = `initializer renamed '${tp.name}'`;
      break;
    default:
      m.irVersion = rng.pick([0, 2, 11, 1e6]);
      what = `IR version set to ${m.irVersion}`;
  }
  return { what, bytes: torch.onnx.encodeModel(m) };
}

export const onnxTarget: Target = {
  setup(dir) {
    torch.manualSeed(0);
    const net = new nn.Sequential(new nn.Conv2d(1, 2, 3), new nn.ReLU(), new nn.MaxPool2d(2), new nn.Flatten(), new nn.Linear(18, 4));
    input = torch.randn(1, 1, 8, 8);
    const file = path.join(dir, FILE);
    torch.onnx.export(net, input, file);
    return [file];
  },
  editHeader,
  read(dir) {
    const file = path.join(dir, FILE);
    const y = torch.onnx.load(file).forward(input) as torch.Tensor;
    return { shape: [...y.shape], inits: torch.onnx.loadInitializers(file) };
  },
  check(result, _file, bytes) {
    const r = result as { shape: number[]; inits: Record<string, torch.Tensor> };
    if (JSON.stringify(r.shape) !== '[1,4]') return `output shape [${r.shape}], expected [1, 4]`;
    const protos = torch.onnx.decodeModel(bytes).graph?.initializer ?? [];
    if (JSON.stringify(Object.keys(r.inits)) !== JSON.stringify(protos.map((p) => p.name ?? ''))) return 'initializer names differ from the file';
    for (const tp of protos) {
      const got = Array.from(r.inits[tp.name ?? ''].array.contiguous().values());
      const want = storedValues(tp);
      if (got.length !== want.length || got.some((v, i) => !Object.is(v, want[i]))) return `initializer '${tp.name}' differs from its TensorProto`;
    }
    return null;
  },
};
