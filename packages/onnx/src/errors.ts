/** The error kinds of @cresset/onnx, as CressetError subclasses. */
import { CressetError } from '@cresset/tensor';

/** An op that has no ONNX form (export) or no cresset implementation (import). */
export class UnsupportedOperatorError extends CressetError {}

/** An optional package that a feature needs is not installed; the message says how to install it. */
export class MissingDependencyError extends CressetError {}
