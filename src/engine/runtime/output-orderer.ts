import type { RunFrame } from './run-frame';

// The output reorderer of docs/engine.md#output-ordering: frames of message/end nodes pass through
// per-node lanes; lanes are forwarded one at a time in the order their first frame was
// produced, so output nodes never interleave. Synchronous: no drainer task needed.

export class OutputLane {
  readonly frames: RunFrame[] = [];
  closed = false;

  constructor(private readonly orderer: OutputOrderer) {}

  push(frame: RunFrame): void {
    this.orderer.pushTo(this, frame);
  }

  /** after the node's final frame */
  close(): void {
    this.closed = true;
    this.orderer.pushTo(this, null);
  }
}

export class OutputOrderer {
  private readonly lanes: OutputLane[] = [];

  constructor(private readonly forward: (frame: RunFrame) => void) {}

  open(): OutputLane {
    const lane = new OutputLane(this);
    this.lanes.push(lane);
    return lane;
  }

  /** @internal */
  pushTo(lane: OutputLane, frame: RunFrame | null): void {
    if (this.lanes[0] !== lane) {
      if (frame) lane.frames.push(frame);
      return;
    }
    if (frame) this.forward(frame);
    if (lane.closed) this.advance();
  }

  private advance(): void {
    this.lanes.shift();
    while (this.lanes.length) {
      const next = this.lanes[0];
      for (const frame of next.frames) this.forward(frame);
      next.frames.length = 0;
      if (!next.closed) return;
      this.lanes.shift();
    }
  }
}
