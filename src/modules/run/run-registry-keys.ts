/**
 * The store keys of one registry, all under its prefix: a run's record, its output queue, the
 * reply queue of a node it waits on, its owner, and an instance's heartbeat.
 */
export class RunRegistryKeys {
  constructor(private readonly prefix: string) {}

  record(eventId: string): string {
    return `${this.prefix}${eventId}`;
  }

  /** the record, its output queue and that queue's metadata: what every run leaves */
  event(eventId: string): string[] {
    const output = this.output(eventId);
    return [this.record(eventId), output, `${output}:metadata`];
  }

  reply(eventId: string, nodeId: string): string {
    return `${this.prefix}${eventId}:${nodeId.replace(/::/g, ':')}`;
  }

  owner(eventId: string): string {
    return `${this.prefix}${eventId}:owner`;
  }

  instance(instanceId: string): string {
    return `${this.prefix}instance:${instanceId}`;
  }

  output(eventId: string): string {
    return `${this.prefix}${eventId}:flow`;
  }
}
