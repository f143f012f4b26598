import '../testing/test-executors';
import * as b from '../testing/flow-builder';
import { describeFrames, runDsl } from '../testing/run-helpers';
import type { NodeAttempts } from './node-attempts';
import type { RunFrame } from './run-frame';

const { START, END, USER_INPUT, input, ref, output, edge, node } = b;
const C = 'test-call::c';
const IT = 'iteration::it';
const BS = 'iteration-node-start::bs';
const BE = 'iteration-node-end::be';

/** S → C → E */
function callFlow(failTimes: number, retry?: b.Json) {
  return b.startToEnd(
    node(C, {
      inputs: [input('u', 'string', ref(START, USER_INPUT))],
      outputs: [output('output', 'string')],
      param: { text: 'ok {{u}}', failTimes },
      retry,
    }),
    b.endNode([input('out', 'string', ref(C, 'output'))], { outputMode: 0 }),
  );
}

let event = 0;

/** the run's frames and the reports its listener heard */
async function observed(dsl: unknown, parameters?: Record<string, unknown>) {
  const reports: NodeAttempts[] = [];
  const frames = await runDsl(dsl, {
    eventId: `attempts-${(event += 1)}`,
    ...(parameters ? { parameters } : {}),
    onNodeAttempts: (attempts) => reports.push(attempts),
  });
  return { frames, reports };
}

const endsOf = (frames: RunFrame[], id: string) =>
  frames.filter((f) => f.workflow_step?.node?.id === id && f.workflow_step.node.finish_reason);

const BOOM = { code: 20303, message: 'Model request failed(boom)' };

describe('node attempts beside the frames (RunInput.onNodeAttempts)', () => {
  it('a node that succeeds after two failures reports 2 retries and the last error', async () => {
    const { frames, reports } = await observed(callFlow(2, { shouldRetry: true, maxRetries: 3 }));
    expect(reports).toEqual([{ nodeId: C, retries: 2, lastError: BOOM }]);
    expect(endsOf(frames, C).map((f) => f.code)).toEqual([0]);
  });

  it('a first-time success reports 0 retries and no error', async () => {
    const { reports } = await observed(callFlow(0, { shouldRetry: true, maxRetries: 3 }));
    expect(reports).toEqual([{ nodeId: C, retries: 0, lastError: null }]);
  });

  it.each([
    ['fails the run (strategy 0)', 0],
    ['answers the custom output (strategy 1)', 1],
  ])('a node that exhausts its retries and %s reports every retry', async (_name, strategy) => {
    const retry = { shouldRetry: true, maxRetries: 2, errorStrategy: strategy };
    const { frames, reports } = await observed(callFlow(9, retry));
    expect(reports).toEqual([{ nodeId: C, retries: 2, lastError: BOOM }]);
    expect(endsOf(frames, C).map((f) => f.code)).toEqual([strategy === 0 ? 20303 : 0]);
  });

  it('nodes without error handling report nothing', async () => {
    const { reports } = await observed(callFlow(0));
    expect(reports).toEqual([]);
  });

  it('reports do not change the frames', async () => {
    const dsl = callFlow(2, { shouldRetry: true, maxRetries: 3 });
    const plain = await runDsl(dsl, { eventId: `attempts-${(event += 1)}` });
    const { frames } = await observed(dsl);
    expect(describeFrames(frames)).toEqual(describeFrames(plain));
    const stripTimes = (all: RunFrame[]) =>
      JSON.stringify(all).replace(/"executed_time":[0-9.e-]+/g, '"executed_time":0');
    expect(stripTimes(frames)).toEqual(stripTimes(plain));
  });

  it('an iteration body node reports once per element, in the order of its end frames', async () => {
    // the first element's call fails twice (the executor counts attempts per run and node)
    const dsl = b.flow(
      [
        b.startNode([output('items', 'array', { items: { type: 'string' } })]),
        ...b.iterationNodes(IT, ref(START, 'items'), BS, BE, [
          input('output', 'string', ref(C, 'output')),
        ]),
        node(C, {
          inputs: [input('x', 'string', ref(BS, 'input'))],
          outputs: [output('output', 'string')],
          param: { text: '<{{x}}>', failTimes: 2 },
          retry: { shouldRetry: true, maxRetries: 3 },
        }),
        b.endNode([input('all', 'array', ref(IT, 'output'))]),
      ],
      [edge(START, IT), edge(IT, END), edge(BS, C), edge(C, BE)],
    );
    const { frames, reports } = await observed(dsl, { items: ['a', 'b', 'c'] });
    expect(endsOf(frames, C)).toHaveLength(3);
    expect(reports.map((r) => r.retries)).toEqual([2, 0, 0]);
  });
});
