import { networkInterfaces } from 'node:os';

// Request ids in the reference's shape (docs/api.md#sid):
// {sub}{pid:4 hex}{counter:4 hex}@{location}{ms:last 11 hex}{ip3:2 hex}{ip4:2 hex}{port:2 chars}2

function hostIpTail(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const nic of list ?? []) {
      if (nic.family === 'IPv4' && !nic.internal) {
        const [, , c, d] = nic.address.split('.').map(Number);
        return hex(c, 2) + hex(d, 2);
      }
    }
  }
  return '0001'; // loopback only (127.0.0.1)
}

function hex(value: number, width: number): string {
  return value.toString(16).padStart(width, '0').slice(-width);
}

export class SidGenerator {
  private counter = 0;
  private readonly prefix: string;
  private readonly suffix: string;
  private readonly location: string;

  constructor(sub: string, location: string, port: number) {
    this.prefix = sub + hex(process.pid & 0xff, 4);
    this.suffix = hostIpTail() + String(port).slice(0, 2) + '2';
    this.location = location;
  }

  next(): string {
    this.counter = (this.counter + 1) & 0xffff;
    return `${this.prefix}${hex(this.counter, 4)}@${this.location}${hex(Date.now(), 11)}${this.suffix}`;
  }
}
