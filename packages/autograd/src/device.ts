/**
 * torch.device: cresset computes on the CPU only, so 'cpu' (or 'cpu:0') is the one device. Other
 * device types are refused with a message saying so, as torch.cuda.is_available() is false.
 */
import { inspect } from 'util';
import { ValueError } from '@cresset/tensor';

export class Device {
  readonly type = 'cpu' as const;
  constructor(readonly index: number | null = null) {}
  toString(): string {
    return this.index === null ? 'cpu' : `cpu:${this.index}`;
  }
  [inspect.custom](): string {
    return this.index === null ? "device(type='cpu')" : `device(type='cpu', index=${this.index})`;
  }
}

/** What a device argument may be: a Device, or its name as torch.device takes it. */
export type DeviceLike = Device | 'cpu' | `cpu:${number}`;

/** torch.device('cpu'), torch.device('cpu:0'), torch.device('cpu', 0). */
export function device(spec: DeviceLike | string, index?: number): Device {
  if (spec instanceof Device) return spec;
  const m = /^([a-z]+)(?::(\d+))?$/.exec(spec);
  if (!m) throw new ValueError(`device: invalid device string '${spec}'`);
  if (m[1] !== 'cpu') {
    throw new ValueError(`device: '${spec}': cresset computes on the CPU only (torch.cuda.isAvailable() is false); use 'cpu'`);
  }
  const i = m[2] !== undefined ? Number(m[2]) : index ?? null;
  return new Device(i);
}

/** Whether `x` names a device rather than a dtype (a Device, 'cpu', 'cuda:0', ...). */
export function isDeviceSpec(x: unknown): x is Device | string {
  return x instanceof Device || (typeof x === 'string' && /^(cpu|cuda|mps|xpu|meta)(:\d+)?$/.test(x));
}
