/**
 * Memory limits. The allocation limit caps the bytes of one tensor's storage (by default the
 * largest ArrayBuffer this JavaScript engine makes). The decode limit caps the bytes any reader
 * (safetensors, ONNX, IDX, gzip, CIFAR, PNG, JPEG) reads or decodes from one file, checked before
 * it allocates: 1 GiB unless the environment variable CRESSET_DECODE_LIMIT gives a byte count.
 */
import { constants } from 'buffer';
import * as os from 'os';
import { AllocationError, ValueError } from './errors';

/** The largest ArrayBuffer, in bytes, that this JavaScript engine allocates. */
export const ENGINE_MAX_BYTES: number = constants.MAX_LENGTH;

const DEFAULT_DECODE_LIMIT = 2 ** 30;

function checkLimit(bytes: number, op: string): number {
  if (!Number.isSafeInteger(bytes) || bytes < 0) throw new ValueError(`${op}: expected a whole number of bytes >= 0, got ${bytes}`);
  return bytes;
}

function decodeLimitFromEnv(): number {
  const v = process.env.CRESSET_DECODE_LIMIT;
  if (v === undefined || v === '') return DEFAULT_DECODE_LIMIT;
  return checkLimit(Number(v), 'CRESSET_DECODE_LIMIT');
}

let allocationLimit = ENGINE_MAX_BYTES;
let decodeLimit = decodeLimitFromEnv();

/** Sets the most bytes one tensor may allocate (at most the engine's maximum). */
export function setAllocationLimit(bytes: number): void {
  allocationLimit = Math.min(checkLimit(bytes, 'setAllocationLimit'), ENGINE_MAX_BYTES);
}

export function getAllocationLimit(): number {
  return allocationLimit;
}

/** Sets the most bytes a reader may read or decode from one file. */
export function setDecodeLimit(bytes: number): void {
  decodeLimit = checkLimit(bytes, 'setDecodeLimit');
}

export function getDecodeLimit(): number {
  return decodeLimit;
}

/**
 * Throws an AllocationError when a reader would decode `bytes` bytes, over the decode limit;
 * `what` says whose bytes they are ("x.png: the IHDR header's 20000x20000 RGBA pixels").
 */
export function checkDecodeSize(what: string, bytes: number): void {
  if (!(bytes <= decodeLimit)) {
    throw new AllocationError(`${what} would take ${bytes} bytes, over the decode limit of ${decodeLimit} bytes (setDecodeLimit or CRESSET_DECODE_LIMIT raises it)`);
  }
}

/**
 * The error for a tensor of `shape` and `dtype` (`itemBytes` bytes an element) that cannot be
 * allocated; `cause` is the engine's refusal, if it refused.
 */
export function allocationError(op: string, shape: readonly number[], dtype: string, itemBytes: number, cause?: Error): AllocationError {
  const bytes = shape.every(Number.isSafeInteger) ? String(shape.reduce((a, d) => a * BigInt(d), BigInt(itemBytes))) : String(itemBytes * shape.reduce((a, d) => a * d, 1));
  const asked = `${op}: can't allocate memory for a tensor of shape [${shape.join(', ')}] and dtype ${dtype}: you tried to allocate ${bytes} bytes`;
  if (cause) return new AllocationError(`${asked}, and the JavaScript engine could not provide them (${cause.message}; ${os.freemem()} bytes of system memory free)`);
  const which = allocationLimit === ENGINE_MAX_BYTES ? 'the largest ArrayBuffer this JavaScript engine allows' : 'set by setAllocationLimit';
  return new AllocationError(`${asked}, over the allocation limit of ${allocationLimit} bytes (${which})`);
}
