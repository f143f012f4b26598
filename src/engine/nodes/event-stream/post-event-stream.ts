import { isAppException } from '../../errors/engine-error';
import { abortReason, IdleTimer } from '../../providers/idle-timer';
import { nodeHttpFetch } from '../../providers/node-http-fetch';
import { readSseJson } from '../../providers/sse-json-reader';
import { causeText } from '../fetch-cause';

// One JSON POST answered by an event stream (`data: <json>` events), as the agent and RPA
// services speak it. Three deadlines besides the run's own signal: `connectMs` until the
// service answers (status and headers), `totalMs` for the whole call, `idleMs` between two
// events. Whatever ends the call early closes the connection. Failures are EventStreamFailure
// so each node can report them with its own code; errors thrown by `onData` pass through.
// The call goes through node:http (nodeHttpFetch), not Node's built-in fetch: that one cuts a
// body silent for 5 minutes, and an RPA robot may work far longer between two events. Each
// call has its own connection (`Connection: close`): calls are long and few, and a kept-alive
// socket the service closed meanwhile would fail the next call.

export interface EventStreamCall {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** the run's signal: cancelled or disconnected runs close the call */
  readonly signal: AbortSignal;
  readonly connectMs: number;
  readonly totalMs: number;
  /** undefined: no limit between events */
  readonly idleMs?: number;
  /** each event's parsed JSON; answers false to stop reading */
  readonly onData: (data: unknown) => boolean | void;
}

export type EventStreamFailureKind =
  'connect-timeout' | 'total-timeout' | 'idle-timeout' | 'http-status' | 'transport' | 'malformed';

export class EventStreamFailure extends Error {
  constructor(
    readonly kind: EventStreamFailureKind,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'EventStreamFailure';
  }
}

export async function postEventStream(call: EventStreamCall): Promise<void> {
  if (call.signal.aborted) throw abortReason(call.signal);
  const controller = new AbortController();
  let expired: EventStreamFailure | undefined;
  const expire = (failure: EventStreamFailure) => {
    expired ??= failure;
    controller.abort(failure);
  };
  const onRunAbort = () => controller.abort(call.signal.reason);
  call.signal.addEventListener('abort', onRunAbort, { once: true });
  const total = setTimeout(
    () => expire(new EventStreamFailure('total-timeout', `no end within ${call.totalMs} ms`)),
    call.totalMs,
  );
  const connect = setTimeout(
    () =>
      expire(new EventStreamFailure('connect-timeout', `no answer within ${call.connectMs} ms`)),
    call.connectMs,
  );
  let idle: IdleTimer | undefined;
  try {
    const response = await nodeHttpFetch(call.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Connection: 'close', ...call.headers },
      body: JSON.stringify(call.body),
      signal: controller.signal,
    });
    clearTimeout(connect);
    if (!response.ok) {
      const text = await response.text();
      throw new EventStreamFailure('http-status', `HTTP ${response.status}: ${text.slice(0, 200)}`);
    }
    if (!response.body) return;
    const ms = call.idleMs;
    idle = new IdleTimer(ms, () =>
      expire(new EventStreamFailure('idle-timeout', `no event within ${ms} ms`)),
    );
    await readSseJson(response.body, (data) => {
      idle!.touch();
      return call.onData(data);
    });
  } catch (error) {
    if (call.signal.aborted) throw abortReason(call.signal);
    if (expired) throw expired;
    if (error instanceof EventStreamFailure || isAppException(error)) throw error;
    if (error instanceof SyntaxError) {
      throw new EventStreamFailure('malformed', `not a JSON event: ${error.message}`);
    }
    throw new EventStreamFailure('transport', causeText(error));
  } finally {
    clearTimeout(total);
    clearTimeout(connect);
    idle?.stop();
    call.signal.removeEventListener('abort', onRunAbort);
    // whatever ended the call (a stop, a failure), the connection goes with it
    controller.abort();
  }
}
