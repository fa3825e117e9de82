/** Building AttributeProtos for export, and reading them (with defaults) on import. */
import { FormatError, NDArray } from '@cresset/tensor';
import { tensorFromProto, tensorToProto } from './tensor_proto';
import { AttributeProto, AttributeType, NodeProto } from './types';


export const attr = {
  int: (name: string, i: number): AttributeProto => ({ name, type: AttributeType.INT, i }),
  float: (name: string, f: number): AttributeProto => ({ name, type: AttributeType.FLOAT, f }),
  ints: (name: string, ints: readonly number[]): AttributeProto => ({ name, type: AttributeType.INTS, ints: [...ints] }),
  floats: (name: string, floats: readonly number[]): AttributeProto => ({ name, type: AttributeType.FLOATS, floats: [...floats] }),
  string: (name: string, s: string): AttributeProto => ({ name, type: AttributeType.STRING, s: new TextEncoder().encode(s) }),
  tensor: (name: string, a: NDArray): AttributeProto => ({ name, type: AttributeType.TENSOR, t: tensorToProto(a, '') }),
};

/** Reads a node's attributes by name, checking each is of the kind the op expects. */
export class Attributes {
  private byName = new Map<string, AttributeProto>();
  constructor(private node: NodeProto, private where: string) {
    for (const a of node.attribute ?? []) this.byName.set(a.name ?? '', a);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  private get(name: string, kinds: AttributeType[], field: keyof AttributeProto): AttributeProto | undefined {
    const a = this.byName.get(name);
    if (!a) return undefined;
    // files written before IR 3 may leave `type` unset: trust the field that is present
    if (a.type !== undefined && a.type !== AttributeType.UNDEFINED && !kinds.includes(a.type)) {
      throw new FormatError(`${this.where}: attribute '${name}' is ${AttributeType[a.type]}, expected ${kinds.map((k) => AttributeType[k]).join(' or ')}`);
    }
    if (a[field] === undefined && (a.type === undefined || a.type === AttributeType.UNDEFINED)) {
      throw new FormatError(`${this.where}: attribute '${name}' has neither a type nor a ${String(field)} value`);
    }
    return a;
  }

  int(name: string, dflt: number): number;
  int(name: string): number | undefined;
  int(name: string, dflt?: number): number | undefined {
    const a = this.get(name, [AttributeType.INT], 'i');
    return a ? Number(a.i ?? 0) : dflt; // proto3 writers leave zeros out
  }
  float(name: string, dflt: number): number;
  float(name: string): number | undefined;
  float(name: string, dflt?: number): number | undefined {
    const a = this.get(name, [AttributeType.FLOAT], 'f');
    return a ? Number(a.f ?? 0) : dflt;
  }
  ints(name: string): number[] | undefined {
    const a = this.get(name, [AttributeType.INTS], 'ints');
    return a ? (a.ints ?? []).map(Number) : undefined;
  }
  floats(name: string): number[] | undefined {
    const a = this.get(name, [AttributeType.FLOATS], 'floats');
    return a ? (a.floats ?? []).map(Number) : undefined;
  }
  string(name: string, dflt: string): string;
  string(name: string): string | undefined;
  string(name: string, dflt?: string): string | undefined {
    const a = this.get(name, [AttributeType.STRING], 's');
    return a ? new TextDecoder().decode(a.s ?? new Uint8Array()) : dflt;
  }
  tensor(name: string): NDArray | undefined {
    const a = this.get(name, [AttributeType.TENSOR], 't');
    return a ? tensorFromProto(a.t!, `${this.where}: attribute '${name}'`) : undefined;
  }
}
