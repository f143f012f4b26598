import { Injectable } from '@nestjs/common';

/** Told the id of a flow row whose protocol or release state changed. */
export type FlowChangeListener = (flowId: string) => void;

/**
 * Announces changed flow rows (protocol update, publish) to whoever keeps something derived from
 * them — the run feature's compiled engines — so flow storage depends on none of them: they
 * subscribe here.
 */
@Injectable()
export class FlowChanges {
  private readonly listeners: FlowChangeListener[] = [];

  subscribe(listener: FlowChangeListener): void {
    this.listeners.push(listener);
  }

  changed(flowId: string): void {
    for (const listener of this.listeners) listener(flowId);
  }
}
