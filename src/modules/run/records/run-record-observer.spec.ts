import type { WorkflowRunEntity, WorkflowRunNodeEntity } from '../../../database/entities';
import type { RunFrame } from '../../../engine';
import { frame } from '../testing/frames';
import { RunRecordObserver } from './run-record-observer';

const BODY = 'ifly-code::c';
const BOOM = { code: 22302, message: 'Node execution failed(boom)' };

function nodeEnd(id: string): RunFrame {
  const end = frame({ node: id });
  end.workflow_step!.node!.finish_reason = 'stop';
  return end;
}

function observe() {
  const nodes: WorkflowRunNodeEntity[] = [];
  const runs: WorkflowRunEntity[] = [];
  const errors: unknown[] = [];
  const observer = new RunRecordObserver(
    { mode: 'debug', flowId: 'f', appId: 'a', eventId: 'e', uid: 'u', chatId: '', version: '' },
    { saveRun: (row) => runs.push(row), addNode: (row) => nodes.push(row) },
    (error) => errors.push(error),
  );
  return { observer, nodes, runs, errors };
}

// The engine reports a node execution's attempts just before emitting its end frame; the
// frames may reach the observer much later (a slow client), after later executions reported.
describe('RunRecordObserver: retries per node execution', () => {
  it('pairs the n-th report of a node with its n-th end frame, however far behind', () => {
    const { observer, nodes, errors } = observe();
    observer.frame(frame({ node: 'flow_obj' }));
    // an iteration body ran its node three times before the first end frame was read
    observer.nodeAttempts({ nodeId: BODY, retries: 2, lastError: BOOM });
    observer.nodeAttempts({ nodeId: BODY, retries: 0, lastError: null });
    observer.nodeAttempts({ nodeId: BODY, retries: 1, lastError: BOOM });
    for (let element = 0; element < 3; element += 1) {
      observer.frame(frame({ node: BODY }));
      observer.frame(nodeEnd(BODY));
    }
    // a node without error handling reports nothing
    observer.frame(frame({ node: 'node-end::e' }));
    observer.frame(nodeEnd('node-end::e'));
    observer.frame(frame({ node: 'flow_obj', finish: 'stop' }));

    expect(nodes.map((n) => [n.nodeId, n.retries, n.retryErrorCode, n.retryErrorMessage])).toEqual([
      [BODY, 2, BOOM.code, BOOM.message],
      [BODY, 0, null, null],
      [BODY, 1, BOOM.code, BOOM.message],
      ['node-end::e', 0, null, null],
    ]);
    expect(errors).toEqual([]);
  });

  it('ignores a report that comes after the run ended', () => {
    const { observer, nodes, errors } = observe();
    observer.frame(frame({ node: 'flow_obj' }));
    observer.returned();
    observer.nodeAttempts({ nodeId: BODY, retries: 1, lastError: BOOM });
    observer.frame(nodeEnd(BODY));
    expect(nodes).toEqual([]);
    expect(errors).toEqual([]);
  });
});
