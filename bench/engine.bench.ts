import { performance } from 'node:perf_hooks';
import { buildWorkflow, runWorkflow, type RunFrame } from '../src/engine';
import { fanOutFanInFlow, linearFlow } from './flows';
import { line, median, verdict } from './report';

// In-process engine overhead: a flow of cheap nodes is built once and run many times; the
// figure is the run's wall time divided by its node count (median over runs), frames consumed
// as the HTTP layer would.

const TARGET_US_PER_NODE = 20;

async function timeRuns(protocol: Record<string, unknown>, nodes: number, runs: number) {
  const built = buildWorkflow((protocol as { data: unknown }).data);
  const perNode: number[] = [];
  let frames = 0;
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    frames = 0;
    let last: RunFrame | undefined;
    for await (const frame of runWorkflow(built, {
      parameters: { AGENT_USER_INPUT: 'bench' },
      history: [],
      signal: new AbortController().signal,
    })) {
      frames += 1;
      last = frame;
    }
    perNode.push(((performance.now() - started) * 1000) / nodes);
    // measure only runs that really completed
    if (last?.code !== 0 || last.workflow_step?.node?.id !== 'flow_obj') {
      throw new Error(`run did not complete: ${JSON.stringify(last)}`);
    }
  }
  return { perNode, frames };
}

async function measure(label: string, protocol: Record<string, unknown>, nodes: number) {
  await timeRuns(protocol, nodes, 50); // warm-up: JIT and caches
  const { perNode, frames } = await timeRuns(protocol, nodes, 300);
  const us = median(perNode);
  verdict(
    `engine overhead, ${label} (${nodes} nodes)`,
    `${us.toFixed(2)} µs/node (${frames} frames/run)`,
    `≤ ${TARGET_US_PER_NODE} µs/node`,
    us <= TARGET_US_PER_NODE,
  );
  line(
    '',
    `p90 ${[...perNode].sort((a, b) => a - b)[Math.floor(perNode.length * 0.9)].toFixed(2)} µs/node`,
  );
}

export async function run(): Promise<void> {
  await measure('linear flow', linearFlow(100), 100);
  // start + 32 branches + join + end
  await measure('fan-out/fan-in 32', fanOutFanInFlow(32), 35);
}
