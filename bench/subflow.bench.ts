import { performance } from 'node:perf_hooks';
import {
  buildWorkflow,
  type BuiltWorkflow,
  runWorkflow,
  startWorkflow,
  type SubflowService,
} from '../src/engine';
import {
  edge,
  END,
  endNode,
  flow,
  input,
  node,
  output,
  ref,
  START,
  startNode,
  USER_INPUT,
} from '../src/engine/testing';
import { ReleaseStreamView } from '../src/modules/run/stream/frame-views';
import { line, median } from './report';

// What one in-process flow:: call adds: a parent whose end node streams a sub-flow's prompt
// answer vs a flow rendering the same template itself. The sub-run is started as
// InProcessSubflows starts it (engine run + release view); the service's lookups (published
// row, app, engine cache) are not included. Printed, never asserted.

const FLOW = 'flow::f';
const TEMPLATE = 'Sub says {{a}}';

const inline = flow(
  [
    startNode(),
    endNode([input('a', 'string', ref(START, USER_INPUT))], {
      template: TEMPLATE,
      streamOutput: true,
    }),
  ],
  [edge(START, END)],
);

const parent = flow(
  [
    startNode(),
    node(FLOW, {
      inputs: [input(USER_INPUT, 'string', ref(START, USER_INPUT))],
      outputs: [output('content', 'string')],
      param: { flowId: 'sub', appId: 'app', uid: 'u' },
    }),
    endNode([input('c', 'string', ref(FLOW, 'content'))], {
      template: '{{c}}',
      streamOutput: true,
    }),
  ],
  [edge(START, FLOW), edge(FLOW, END)],
);

function subflows(sub: BuiltWorkflow): SubflowService {
  return {
    maxDepth: 5,
    relaysQuestions: true,
    outputMode: () => Promise.resolve(1),
    async *run(call) {
      const run = startWorkflow(sub, {
        parameters: call.parameters,
        history: call.history,
        uid: call.uid,
        flowId: call.flowId,
        appId: call.appId,
        callChain: call.callChain,
        signal: call.signal,
        services: call.services,
      });
      const view = new ReleaseStreamView();
      for await (const frame of run.frames) {
        const out = view.accept(frame);
        if (out) yield out;
      }
    },
  };
}

async function timeRuns(built: BuiltWorkflow, sub: BuiltWorkflow, runs: number) {
  const times: number[] = [];
  const services = { subflows: subflows(sub) };
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    let last;
    for await (const frame of runWorkflow(built, {
      parameters: { AGENT_USER_INPUT: 'bench' },
      history: [],
      flowId: 'parent',
      signal: new AbortController().signal,
      services,
    })) {
      last = frame;
    }
    times.push((performance.now() - started) * 1000);
    if (last?.code !== 0) throw new Error(`run did not complete: ${JSON.stringify(last)}`);
  }
  return median(times);
}

export async function run(): Promise<void> {
  const sub = buildWorkflow(inline);
  const withNode = buildWorkflow(parent);
  await timeRuns(sub, sub, 200); // warm-up
  await timeRuns(withNode, sub, 200);
  const base = await timeRuns(sub, sub, 1000);
  const nested = await timeRuns(withNode, sub, 1000);
  line(
    'flow:: call, in-process (engine only)',
    `+${(nested - base).toFixed(1)} µs/call`,
    `(${nested.toFixed(1)} vs ${base.toFixed(1)} µs inline, median)`,
  );
}
