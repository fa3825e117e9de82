/** The error kinds of @cresset/onnx, as CressetError subclasses. */
import { CressetError } from '@cresset/tensor';

/** An op that has no ONNX form (export) or no cresset implementation (import). */
export class UnsupportedOperatorError extends CressetError {}
