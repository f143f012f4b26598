import {
  edge,
  endNode,
  ifElseNode,
  input,
  joinerNode,
  Json,
  lit,
  node,
  output,
  protocol,
  ref,
  startNode,
  Edge,
} from '../test/chat.helpers';

// The flows the benchmarks run, written as console DSL JSON.

const START = 'node-start::s';
const END = 'node-end::e';

/** start → (n − 2) text-joiners in a line → end (variable mode). */
export function linearFlow(n: number): Json {
  const nodes: Json[] = [startNode('s', [output('AGENT_USER_INPUT', 'string', true)])];
  const edges: Edge[] = [];
  let previous = START;
  let previousOutput = 'AGENT_USER_INPUT';
  for (let i = 1; i <= n - 2; i += 1) {
    const id = `text-joiner::j${i}`;
    nodes.push(
      joinerNode(`j${i}`, '{{x}}.', [input('x', 'string', ref(previous, previousOutput))]),
    );
    edges.push(edge(previous, id));
    previous = id;
    previousOutput = 'output';
  }
  nodes.push(
    endNode('e', [input('out', 'string', ref(previous, previousOutput))], { outputMode: 0 }),
  );
  edges.push(edge(previous, END));
  return protocol(nodes, edges, `linear ${n}`);
}

/** start → `width` joiners in parallel → one joiner joining them all → end. */
export function fanOutFanInFlow(width: number): Json {
  const nodes: Json[] = [startNode('s', [output('AGENT_USER_INPUT', 'string', true)])];
  const edges: Edge[] = [];
  const joinInputs: Json[] = [];
  for (let i = 1; i <= width; i += 1) {
    const id = `text-joiner::b${i}`;
    nodes.push(
      joinerNode(`b${i}`, `${i}:{{x}}`, [input('x', 'string', ref(START, 'AGENT_USER_INPUT'))]),
    );
    edges.push(edge(START, id), edge(id, 'text-joiner::join'));
    joinInputs.push(input(`v${i}`, 'string', ref(id, 'output')));
  }
  const template = joinInputs.map((i) => `{{${i.name as string}}}`).join(',');
  nodes.push(joinerNode('join', template, joinInputs));
  nodes.push(
    endNode('e', [input('out', 'string', ref('text-joiner::join', 'output'))], { outputMode: 0 }),
  );
  edges.push(edge('text-joiner::join', END));
  return protocol(nodes, edges, `fan ${width}`);
}

/** The small HTTP flow: start → if-else → text-joiner → end (prompt mode). */
export function smallFlow(): Json {
  const nodes = [
    startNode('s', [output('AGENT_USER_INPUT', 'string', true)]),
    ifElseNode(
      'c',
      [
        input('left', 'string', ref(START, 'AGENT_USER_INPUT'), 'l1'),
        input('right', 'string', lit('hi'), 'r1'),
      ],
      [
        {
          id: 'yes',
          level: 1,
          conditions: [{ leftVarIndex: 'l1', rightVarIndex: 'r1', compareOperator: 'contains' }],
        },
        { id: 'else', level: 999 },
      ],
    ),
    joinerNode('j', 'Hello {{x}}!', [input('x', 'string', ref(START, 'AGENT_USER_INPUT'))]),
    endNode('e', [input('answer', 'string', ref('text-joiner::j', 'output'))], {
      outputMode: 1,
      template: '{{answer}}',
      streamOutput: false,
    }),
  ];
  const edges = [
    edge(START, 'if-else::c'),
    edge('if-else::c', 'text-joiner::j', 'branch_one_of::yes'),
    edge('if-else::c', 'text-joiner::j', 'branch_one_of::else'),
    edge('text-joiner::j', END),
  ];
  return protocol(nodes, edges, 'small');
}

/** a code node (Python unless `language` says otherwise) of app "bench" */
function codeNode(id: string, code: string, inputs: Json[], outputs: Json[], language?: string) {
  const param = { code, appId: 'bench', uid: 'bench' };
  return node(id, {
    inputs,
    outputs,
    nodeParam: language ? { ...param, codeLanguage: language } : param,
  });
}

/**
 * start → Python code (length of the input) → JavaScript code (twice that) → end printing
 * "<length>:<twice>" (prompt mode, streaming): both sandboxes in one run.
 */
export function pythonThenJavascriptFlow(): Json {
  const py = 'ifly-code::py';
  const js = 'ifly-code::js';
  const nodes = [
    startNode('s', [output('AGENT_USER_INPUT', 'string', true)]),
    codeNode(
      py,
      'def main(text):\n    return {"length": len(text)}',
      [input('text', 'string', ref(START, 'AGENT_USER_INPUT'))],
      [output('length', 'integer')],
    ),
    codeNode(
      js,
      'function main({ length }) { return { twice: length * 2 } }',
      [input('length', 'integer', ref(py, 'length'))],
      [output('twice', 'integer')],
      'javascript',
    ),
    endNode(
      'e',
      [input('length', 'integer', ref(py, 'length')), input('twice', 'integer', ref(js, 'twice'))],
      { outputMode: 1, template: '{{length}}:{{twice}}', streamOutput: true },
    ),
  ];
  return protocol(nodes, [edge(START, py), edge(py, js), edge(js, END)], 'code');
}
