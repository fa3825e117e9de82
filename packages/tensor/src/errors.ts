/**
 * The error kinds of cresset. Every message names the operation, what it got and what it expected,
 * in the manner of PyTorch's own messages.
 */
export class CressetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
/** Shapes that do not fit the operation (PyTorch raises RuntimeError for these). */
export class ShapeError extends CressetError {}
/** A dtype that the operation does not accept. */
export class DTypeError extends CressetError {}
/** An index or dimension out of range (PyTorch's IndexError). */
export class IndexError extends CressetError {}
/** A file or serialised value that does not have the expected format. */
export class FormatError extends CressetError {}
/** A value outside what the operation accepts (PyTorch's ValueError / RuntimeError). */
export class ValueError extends CressetError {}
/** A name a module does not have (PyTorch's AttributeError, as get_submodule raises). */
export class AttributeError extends CressetError {}
/** Misuse of autograd: backward through a freed graph, in-place change of a saved tensor, ... */
export class AutogradError extends CressetError {}
/**
 * A request for more memory than a limit allows (the allocation limit for tensors, the decode
 * limit for readers) or than the JavaScript engine could provide (PyTorch's "can't allocate memory").
 */
export class AllocationError extends CressetError {}
