import { Injectable } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { RunView } from '../stream/frame-views';
import { yieldToIo } from '../../../engine';
import { RunOutcome, writeRunResponse } from '../stream/run-response';
import { RunEvents, RunEventStart } from './run-events';
import type { RunRequest } from './run-request';
import { WorkflowRunnerService } from './workflow-runner.service';

export interface RespondSpec {
  /** the run, minus what is minted here (event id, abort signal) */
  run: Omit<RunRequest, 'eventId' | 'signal'>;
  event: RunEventStart;
  view: RunView;
  stream: boolean;
  sid: string;
  res: ServerResponse;
  /** the calling app is under the platform audit policy: no pause (21104) */
  refuseInterrupt?: boolean;
}

/**
 * The part every chat route shares once its pre-stream checks passed: register the run event,
 * start the run with an abort signal, pump its frames into the response through the view, and
 * drop the event when the response ended without a stop or an interrupt.
 */
@Injectable()
export class RunResponder {
  constructor(
    private readonly runner: WorkflowRunnerService,
    private readonly events: RunEvents,
  ) {}

  async respond(spec: RespondSpec): Promise<RunOutcome> {
    // the request's pipeline (parsing, validation, lookups) ran as one chain of microtasks:
    // frames of the runs already streaming go out before this one starts
    await yieldToIo();
    const event = await this.events.open(spec.event);
    const abort = new AbortController();
    const frames = this.runner.frames(
      { ...spec.run, eventId: event.eventId, signal: abort.signal },
      event.onPause,
    );
    const outcome = await writeRunResponse({
      frames,
      view: spec.view,
      stream: spec.stream,
      sid: spec.sid,
      res: spec.res,
      abort,
      hooks: event.hooks,
      refuseInterrupt: spec.refuseInterrupt,
    });
    if (outcome !== 'stop' && outcome !== 'interrupt') await event.abandon();
    return outcome;
  }
}
