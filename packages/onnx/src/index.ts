/**
 * @cresset/onnx: torch.onnx. export traces a model into an ONNX file, verify runs that file in
 * onnxruntime-node against cresset's forward, load runs an ONNX file on cresset's kernels as a
 * Module (trainable), loadInitializers reads a file's weights as a state dict.
 */
export { exportModel as export, exportToModelProto, MIN_EXPORT_OPSET, MAX_EXPORT_OPSET, DEFAULT_OPSET } from './export/export';
export type { ExportOptions, DynamicAxes } from './export/export';
export { MissingDependencyError, UnsupportedOperatorError } from './errors';
export { readModel, decodeModel, encodeModel, writeModel, readTensorProto } from './schema/codec';
export { tensorFromProto, tensorToProto } from './schema/tensor_proto';
export type * from './schema/types';
export { DataType, AttributeType } from './schema/types';
export { verify } from './verify';
export { OnnxRuntimeSession } from './runtime_session';
export type { VerifyOptions, VerifyOutput, VerifyReport } from './verify';
export { load, loadInitializers } from './import/load';
export { OnnxModule } from './import/onnx_module';
export { OPS as IMPORT_OPS, MIN_IMPORT_OPSET, MAX_IMPORT_OPSET } from './import/ops';
