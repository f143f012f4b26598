import { releasedFlow } from '../test/chat.helpers';
import { oneOptionQuestionFlow } from '../test/llm/llm-flows';
import { line, percentile, verdict } from './report';
import { ServiceProcess } from './service-process';
import { postRun as post } from './sse-post';

// Interrupt → resume → first frame latency on Redis (start → question-answer → message → end):
// each run pauses at the question, then `/resume` answers it and the first frame is timed.

const RESUMES = 50;
const REDIS_URL = 'redis://127.0.0.1:6379';

export async function resumeLatency(): Promise<void> {
  const service = await ServiceProcess.start({ REDIS_URL });
  try {
    const base = service.base;
    const world = await service.createApps(`bres${Date.now() % 100000}`);
    const flowId = await releasedFlow(service.asTestApp(), world, oneOptionQuestionFlow());
    const firstFrame: number[] = [];
    for (let i = 0; i < RESUMES; i += 1) {
      let eventId = '';
      await post(
        `${base}/workflow/v1/chat/completions`,
        { flow_id: flowId, parameters: { AGENT_USER_INPUT: 'x' }, stream: true },
        world.caller,
        (frame) => {
          const data = frame.event_data as { event_id?: string } | undefined;
          if (data?.event_id) eventId = data.event_id;
        },
      );
      const sent = performance.now();
      let first: number | undefined;
      await post(
        `${base}/workflow/v1/resume`,
        { event_id: eventId, content: 'A' },
        undefined,
        (_f, at) => {
          first ??= at;
        },
      );
      firstFrame.push(first! - sent);
    }
    const p50 = percentile(firstFrame, 50);
    verdict(
      'interrupt → resume → first frame p50 (Redis)',
      `${p50.toFixed(2)} ms (${RESUMES} runs)`,
      '≤ 20 ms',
      p50 <= 20,
    );
    line('  p99', `${percentile(firstFrame, 99).toFixed(2)} ms`);
  } finally {
    await service.close();
  }
}
