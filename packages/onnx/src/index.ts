/** @cresset/onnx: torch.onnx (export, import, verify). */
export {};
