import { Injectable } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { AppException } from '../../../core/errors/app.exception';
import { ErrorCode } from '../../../core/errors/error-code';
import { noteRunId } from '../../../core/logging/response-run-id';
import type { RunFrame } from '../../../engine';
import type { RunView } from '../run-view';
import { AppResolverService } from '../../app/app-resolver.service';
import { underPlatformAudit } from '../../app/audit-policy';
import { stampFrame } from '../stream/chunk-json';
import { streamFailureFrameOf } from '../stream/error-frames';
import { writeRunResponse } from '../stream/run-response';
import { SseSink } from '../stream/sse-writer';
import { RunEventForwarder } from '../run-event-forwarder';
import { ResumeReply, RunRegistry } from '../run-registry';
import { RunRestorer } from './run-restorer';
import { ResumeRequestDto } from './resume-request.dto';

/** Extra wait of the response timer so the queue's own 23900 timeout fires first. */
const RESPONSE_WAIT_MARGIN_MS = 1000;
/** How long a resume waits for a frame before it checks that the run's owner is alive. */
const OWNER_CHECK_MS = 1000;

/**
 * `/resume` and `/debug/resume` (docs/api.md#resume, #debug-resume, #resume-stream): accept the answer once (the
 * event goes back to running — a second resume of the same pause is refused, docs/decisions.md#q4), hand it to
 * the waiting node, and stream the continuation of the paused run from the event's output queue
 * — which any instance can read — as SSE, streamed or aggregated per the original request.
 */
@Injectable()
export class ResumeService {
  constructor(
    private readonly registry: RunRegistry,
    private readonly forwarder: RunEventForwarder,
    private readonly restorer: RunRestorer,
    private readonly apps: AppResolverService,
  ) {}

  async resume(
    body: ResumeRequestDto,
    view: RunView,
    sid: string,
    res: ServerResponse,
  ): Promise<void> {
    // a paused run whose instance is gone continues here, from its checkpoint
    await this.restorer.restoreIfOrphaned(body.event_id, view);
    const record = await this.registry.acceptResume(body.event_id);
    // the request's log line names the run it continues
    noteRunId(res, record.event_id);
    if (!record.interrupt_node) {
      throw new AppException(
        ErrorCode.EVENT_REGISTRY_NOT_FOUND_ERROR,
        'Current event is not paused',
      );
    }
    if (underPlatformAudit(await this.apps.resolve(record.app_id))) {
      // the app came under the platform audit policy while its run was paused (a run of such
      // an app never pauses): end that run and answer 21104 (docs/api.md#resume-stream)
      await this.registry.pushReply(record, record.interrupt_node, {
        event_type: 'abort',
        content: '',
      });
      await this.forwarder.finish(record.event_id);
      const sink = new SseSink(res);
      await sink.write(stampFrame(streamFailureFrameOf(ErrorCode.AUDIT_QA_ERROR), sid));
      sink.end();
      return;
    }
    await this.registry.pushReply(record, record.interrupt_node, {
      event_type: body.event_type,
      content: body.content,
    });
    const abort = new AbortController();
    const waitMs = record.timeout * 1000;
    const outcome = await writeRunResponse({
      frames: this.queuedFrames(record.event_id, view, body, waitMs, abort.signal),
      view,
      stream: record.is_stream,
      transport: 'sse',
      sid,
      res,
      abort,
      frameWaitMs: waitMs + RESPONSE_WAIT_MARGIN_MS,
      hooks: {
        onStop: () => this.forwarder.finish(record.event_id),
        // the paused run's forwarder keeps filling the queue: nothing to start here
        onInterrupt: () => undefined,
      },
    });
    if (outcome === 'timeout' || outcome === 'incomplete')
      await this.forwarder.finish(record.event_id);
  }

  /**
   * The run's frames from its output queue. While none comes, the run's owner is checked every
   * OWNER_CHECK_MS: a run whose instance died (even with its lease still live) continues here
   * from its checkpoint, and one that is gone for good ends with 23900 at once.
   */
  private async *queuedFrames(
    eventId: string,
    view: RunView,
    reply: ResumeReply,
    waitMs: number,
    signal: AbortSignal,
  ): AsyncGenerator<RunFrame> {
    let deadline = Date.now() + waitMs;
    let lost = false;
    for (;;) {
      const left = deadline - Date.now();
      const slice = Math.max(1, Math.min(OWNER_CHECK_MS, left));
      const frame = await this.registry.waitOutput<RunFrame>(eventId, slice, signal);
      if (frame) {
        yield frame;
        deadline = Date.now() + waitMs;
        continue;
      }
      if (left <= slice) {
        throw new AppException(
          ErrorCode.EVENT_REGISTRY_NOT_FOUND_ERROR,
          'Timeout while waiting for user response',
        );
      }
      const owner = await this.restorer.takeOverAccepted(eventId, view, reply);
      // lost twice in a row: not a run that ended between the wait and the check
      if (owner === 'lost' && lost) {
        throw new AppException(
          ErrorCode.EVENT_REGISTRY_NOT_FOUND_ERROR,
          'The paused run was lost with its instance',
        );
      }
      lost = owner === 'lost';
    }
  }
}
