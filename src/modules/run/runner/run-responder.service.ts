import { Injectable } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { noteRunId } from '../../../core/logging/response-run-id';
import { yieldToIo } from '../../../engine';
import { RunOutcome, writeRunResponse } from '../stream/run-response';
import { RunEvents } from './run-events';
import type { RunRequest } from './run-request';
import { WorkflowRunnerService } from './workflow-runner.service';

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

  async respond(run: RunRequest, sid: string, res: ServerResponse): Promise<RunOutcome> {
    // the request's pipeline (parsing, validation, lookups) ran as one chain of microtasks:
    // frames of the runs already streaming go out before this one starts
    await yieldToIo();
    const event = await this.events.open(run);
    const abort = new AbortController();
    // the request's log line names the run (its record's id)
    noteRunId(res, event.eventId);
    const frames = this.runner.frames(run, {
      eventId: event.eventId,
      sid,
      signal: abort.signal,
      onPause: event.onPause,
    });
    const outcome = await writeRunResponse({
      frames,
      view: run.view,
      stream: run.stream,
      sid,
      res,
      abort,
      hooks: event.hooks,
      refuseInterrupt: run.refuseInterrupt,
    });
    if (outcome !== 'stop' && outcome !== 'interrupt') await event.abandon();
    return outcome;
  }
}
