/**
 * A check of how deeply the messages in protobuf bytes nest, walking the wire format with an
 * explicit stack, before the (recursive) decoder runs: a file cannot drive the decoder's recursion
 * deeper than the limit. Malformed bytes are left for the decoder to report.
 */
import { FormatError } from '@cresset/tensor';
import { Type } from 'protobufjs';

/** How deep messages may nest (protobuf's own default recursion limit). */
export const MAX_NESTING = 100;

/** Reads a varint at `pos`: [value, next position], or null past `end`. */
function varint(b: Uint8Array, pos: number, end: number): [number, number] | null {
  let v = 0;
  for (let shift = 0; pos < end && shift < 64; shift += 7) {
    const byte = b[pos++];
    v += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [v, pos];
  }
  return null;
}

/** Throws a FormatError when the messages of `bytes`, read as `type`, nest deeper than `limit`. */
export function checkNesting(type: Type, bytes: Uint8Array, what: string, limit = MAX_NESTING): void {
  const stack: { type: Type; end: number }[] = [{ type, end: bytes.length }];
  let pos = 0;
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (pos >= top.end) {
      stack.pop();
      continue;
    }
    const tag = varint(bytes, pos, top.end);
    if (!tag) return;
    pos = tag[1];
    const wire = tag[0] % 8;
    if (wire === 0) {
      const v = varint(bytes, pos, top.end);
      if (!v) return;
      pos = v[1];
    } else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else if (wire === 2) {
      const len = varint(bytes, pos, top.end);
      if (!len || len[1] + len[0] > top.end) return;
      pos = len[1];
      const field = top.type.fieldsById[Math.floor(tag[0] / 8)];
      const sub = field?.resolve().resolvedType;
      if (sub instanceof Type) {
        if (stack.length >= limit) throw new FormatError(`${what}: messages nest deeper than ${limit} levels (at byte ${pos}, in a ${sub.name})`);
        stack.push({ type: sub, end: pos + len[0] });
      } else pos += len[0];
    } else return;
  }
}
