import {
  addFlow,
  answerOf,
  createApps,
  DEBUG_CHAT,
  edge,
  endNode,
  ifElseNode,
  input,
  joinerNode,
  Json,
  lit,
  messageNode,
  node,
  nodeTrace,
  output,
  protocol,
  ref,
  runChat,
  splitNode,
  startNode,
  ValueType,
  World,
} from './chat.helpers';
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';

// Every logic node through HTTP (debug route; the release route shares the engine): start,
// end in both modes, message, text-joiner, if-else with every operator, iteration (nested
// too), node-variable, parallel branches with joins and the order of streamed output.

const S = 'node-start::s';
const E = 'node-end::e';

let t: TestApp;
let w: World;

beforeAll(async () => {
  t = await createTestApp({ RUNTIME_ENV: 'test' });
  w = await createApps(t, uniqueAlias(''));
});

afterAll(() => t.close());

async function run(proto: Json, parameters: Json, extra: Json = {}) {
  const flowId = await addFlow(t, w.tenant, proto);
  return runChat(t, DEBUG_CHAT, w.caller, { flow_id: flowId, parameters, ...extra });
}

/** The aggregated answer of a non-streaming debug run (fails the test on an error chunk). */
async function answer(proto: Json, parameters: Json, extra: Json = {}): Promise<string> {
  const res = await run(proto, parameters, { ...extra, stream: false });
  expect(res.chunks[0]).toMatchObject({ code: 0 });
  return answerOf(res.chunks);
}

describe('start and end nodes', () => {
  const flow = (param: Json, inputs = [input('a', 'string', ref(S, 'AGENT_USER_INPUT'))]) =>
    protocol(
      [
        startNode('s', [output('AGENT_USER_INPUT', 'string', true)]),
        endNode('e', inputs, param as never),
      ],
      [edge(S, E)],
    );

  it('variable mode answers the compact JSON of the inputs', async () => {
    const inputs = [
      input('a', 'string', ref(S, 'AGENT_USER_INPUT')),
      input('n', 'integer', lit(3)),
      input('o', 'object', lit({ k: ['ü', 1] })),
    ];
    expect(await answer(flow({ outputMode: 0 }, inputs), { AGENT_USER_INPUT: 'x' })).toBe(
      '{"a":"x","n":3,"o":{"k":["ü",1]}}',
    );
  });

  it('prompt mode renders content and reasoning, streamed or not', async () => {
    const param = { outputMode: 1, template: '<{{a}}>', reasoningTemplate: 'r:{{a}}' };
    for (const streamOutput of [true, false]) {
      const res = await run(
        flow({ ...param, streamOutput }),
        { AGENT_USER_INPUT: 'x' },
        { stream: false },
      );
      expect((res.chunks[0].choices as Json[])[0].delta).toEqual({
        role: 'assistant',
        content: '<x>',
        reasoning_content: 'r:x',
      });
    }
  });

  it('marks end-node process frames with the answer mode', async () => {
    const { chunks } = await run(flow({ outputMode: 1, template: 'a{{a}}b', streamOutput: true }), {
      AGENT_USER_INPUT: 'x',
    });
    const process = chunks.filter((c) => nodeTrace([c])[0] === `${E}:process`);
    expect(process.length).toBeGreaterThan(0);
    for (const c of process)
      expect((c.workflow_step as { node: Json }).node.ext).toEqual({ answer_mode: 1 });
  });

  it('rejects a parameter that the start node does not declare (22500)', async () => {
    const res = await run(
      flow({ outputMode: 0 }),
      { AGENT_USER_INPUT: 'x', other: 1 },
      { stream: false },
    );
    expect(res.chunks[0].code).toBe(22500);
  });

  it('rejects a missing required parameter (22500)', async () => {
    const res = await run(flow({ outputMode: 0 }), {}, { stream: false });
    expect(res.chunks[0].code).toBe(22500);
  });
});

describe('text-joiner', () => {
  it('joins with a template and splits on a separator', async () => {
    const proto = protocol(
      [
        startNode('s', [output('AGENT_USER_INPUT', 'string', true)]),
        joinerNode('j', '[{{q}}|{{q}}]', [input('q', 'string', ref(S, 'AGENT_USER_INPUT'))]),
        splitNode('p', '|', [input('v', 'string', ref('text-joiner::j', 'output'))]),
        endNode(
          'e',
          [
            input('joined', 'string', ref('text-joiner::j', 'output')),
            input('parts', 'array', ref('text-joiner::p', 'output')),
          ],
          { outputMode: 0 },
        ),
      ],
      [
        edge(S, 'text-joiner::j'),
        edge('text-joiner::j', 'text-joiner::p'),
        edge('text-joiner::p', E),
      ],
    );
    expect(await answer(proto, { AGENT_USER_INPUT: 'a' })).toBe(
      '{"joined":"[a|a]","parts":["[a","a]"]}',
    );
  });
});

describe('if-else', () => {
  /** start(v: T) → if-else(v <op> right) → message Y | message N → end */
  function branchFlow(
    type: ValueType,
    op: string,
    right: Json | null,
    logical?: { op: 'and' | 'or'; second: string },
  ) {
    const inputs = [input('left', type, ref(S, 'v'), 'l')];
    if (right) inputs.push(input('right', right.type as ValueType, lit(right.value), 'r'));
    const conditions = [
      { leftVarIndex: 'l', rightVarIndex: right ? 'r' : null, compareOperator: op },
    ];
    if (logical)
      conditions.push({
        leftVarIndex: 'l',
        rightVarIndex: right ? 'r' : null,
        compareOperator: logical.second,
      });
    return protocol(
      [
        startNode('s', [output('v', type)]),
        ifElseNode('c', inputs, [
          { id: 'yes', level: 1, logicalOperator: logical?.op ?? 'and', conditions },
          { id: 'no', level: 999 },
        ]),
        messageNode('y', 'Y', [], false),
        messageNode('n', 'N', [], false),
        endNode('e', [], { outputMode: 1, template: '.' }),
      ],
      [
        edge(S, 'if-else::c'),
        edge('if-else::c', 'message::y', 'branch_one_of::yes'),
        edge('if-else::c', 'message::n', 'branch_one_of::no'),
        edge('message::y', E),
        edge('message::n', E),
      ],
    );
  }
  const str = (value: unknown) => ({ type: 'string', value });
  const int = (value: unknown) => ({ type: 'integer', value });
  const num = (value: unknown) => ({ type: 'number', value });

  it.each([
    ['string', 'hello', 'contains', str('ell'), 'Y'],
    ['string', 'hello', 'contains', str('xyz'), 'N'],
    ['string', '', 'contains', str(''), 'Y'],
    ['string', '', 'contains', str('x'), 'N'],
    ['array', ['a', 'b'], 'contains', str('a'), 'Y'],
    ['array', ['a', 'b'], 'contains', str('c'), 'N'],
    ['string', 'hello', 'not_contains', str('xyz'), 'Y'],
    ['string', 'hello', 'not_contains', str('ell'), 'N'],
    ['string', '', 'not_contains', str('x'), 'Y'],
    ['string', '', 'not_contains', str(''), 'N'],
    ['string', 'hello', 'start_with', str('he'), 'Y'],
    ['string', 'hello', 'start_with', str('lo'), 'N'],
    ['string', 'hello', 'end_with', str('lo'), 'Y'],
    ['string', 'hello', 'end_with', str('he'), 'N'],
    ['string', 'a', 'is', str('a'), 'Y'],
    ['string', 'a', 'is', str('b'), 'N'],
    ['integer', 3, 'is', int(3), 'Y'],
    ['string', 'a', 'is_not', str('b'), 'Y'],
    ['string', 'a', 'is_not', str('a'), 'N'],
    ['string', '  ', 'empty', null, 'Y'],
    ['string', 'x', 'empty', null, 'N'],
    ['array', [], 'empty', null, 'Y'],
    ['object', {}, 'empty', null, 'Y'],
    ['integer', 0, 'empty', null, 'Y'],
    ['boolean', false, 'empty', null, 'Y'],
    ['string', 'x', 'not_empty', null, 'Y'],
    ['array', [], 'not_empty', null, 'N'],
    ['integer', 3, 'eq', str('3'), 'Y'],
    ['integer', 3, 'eq', int(4), 'N'],
    ['number', 2.5, 'eq', str('2.5'), 'Y'],
    ['string', 'a', 'eq', str('a'), 'Y'],
    ['integer', 3, 'ne', int(4), 'Y'],
    ['integer', 3, 'ne', int(3), 'N'],
    ['integer', 5, 'gt', int(3), 'Y'],
    ['integer', 3, 'gt', int(3), 'N'],
    ['integer', 3, 'ge', int(3), 'Y'],
    ['number', 2.5, 'lt', num(3), 'Y'],
    ['integer', 4, 'le', int(3), 'N'],
    ['string', '5', 'gt', int(3), 'N'],
    ['string', 'x', 'null', null, 'N'],
    ['string', 'x', 'not_null', null, 'Y'],
    ['string', 'hello', 'contains', int(1), 'N'], // case error → next case (the default)
  ])('%s %j %s %j → %s', async (type, value, op, right, expected) => {
    expect(
      await answer(branchFlow(type as ValueType, op as string, right as Json | null), { v: value }),
    ).toBe(`${expected as string}.`);
  });

  it.each([
    ['and', 'hello', 'contains', 'start_with', 'N'],
    ['or', 'hello', 'contains', 'start_with', 'Y'],
  ])('combines conditions with %s', async (logical, value, first, second, expected) => {
    const proto = branchFlow('string', first, str('ell'), { op: logical as 'and' | 'or', second });
    expect(await answer(proto, { v: value })).toBe(`${expected}.`);
  });

  it('emits nothing for the pruned branch', async () => {
    const { chunks } = await run(branchFlow('string', 'is', str('a')), { v: 'a' });
    const ids = new Set(
      chunks.map((c) => ((c.workflow_step as Json).node as Json | undefined)?.id),
    );
    expect(ids.has('message::y')).toBe(true);
    expect(ids.has('message::n')).toBe(false);
    const ifEnd = chunks.find((c) => nodeTrace([c])[0] === 'if-else::c:end');
    expect((ifEnd!.workflow_step as { node: Json }).node.outputs).toEqual({ res: true });
  });
});

describe('iteration', () => {
  function body(prefix: string, elementType: ValueType, joinTemplate: string): Json[] {
    return [
      node(`iteration-node-start::${prefix}s`, { outputs: [output('input', elementType)] }),
      joinerNode(`${prefix}j`, joinTemplate, [
        input('x', elementType, ref(`iteration-node-start::${prefix}s`, 'input')),
      ]),
      node(`iteration-node-end::${prefix}e`, {
        inputs: [input('output', 'string', ref(`text-joiner::${prefix}j`, 'output'))],
        nodeParam: { outputMode: 0, template: '' },
      }),
    ];
  }
  const bodyEdges = (prefix: string) => [
    edge(`iteration-node-start::${prefix}s`, `text-joiner::${prefix}j`),
    edge(`text-joiner::${prefix}j`, `iteration-node-end::${prefix}e`),
  ];
  const iteration = (id: string, from: Json, start: string) =>
    node(`iteration::${id}`, {
      inputs: [input('input', 'array', from)],
      outputs: [output('output', { type: 'array', items: { type: 'string' } })],
      nodeParam: { IterationStartNodeId: start },
    });

  it('returns one result per element', async () => {
    const proto = protocol(
      [
        startNode('s', [output('items', { type: 'array', items: { type: 'string' } })]),
        iteration('it', ref(S, 'items'), 'iteration-node-start::bs'),
        ...body('b', 'string', '<{{x}}>'),
        endNode('e', [input('r', 'array', ref('iteration::it', 'output'))], { outputMode: 0 }),
      ],
      [edge(S, 'iteration::it'), edge('iteration::it', E), ...bodyEdges('b')],
    );
    expect(await answer(proto, { items: ['a', 'b', 'c'] })).toBe('{"r":["<a>","<b>","<c>"]}');
    expect(await answer(proto, { items: [] })).toBe('{"r":[]}');
  });

  it('runs nested iterations', async () => {
    const inner = [
      node('iteration-node-start::os', {
        outputs: [output('input', { type: 'array', items: { type: 'string' } })],
      }),
      iteration('in', ref('iteration-node-start::os', 'input'), 'iteration-node-start::is'),
      ...body('i', 'string', '({{x}})'),
      node('text-joiner::oj', {
        inputs: [input('parts', 'array', ref('iteration::in', 'output'))],
        outputs: [output('output', 'string')],
        nodeParam: { mode: 0, prompt: '{{parts}}' },
      }),
      node('iteration-node-end::oe', {
        inputs: [input('output', 'string', ref('text-joiner::oj', 'output'))],
        nodeParam: { outputMode: 0, template: '' },
      }),
    ];
    const proto = protocol(
      [
        startNode('s', [
          output('rows', { type: 'array', items: { type: 'array', items: { type: 'string' } } }),
        ]),
        iteration('out', ref(S, 'rows'), 'iteration-node-start::os'),
        ...inner,
        endNode('e', [input('r', 'array', ref('iteration::out', 'output'))], { outputMode: 0 }),
      ],
      [
        edge(S, 'iteration::out'),
        edge('iteration::out', E),
        edge('iteration-node-start::os', 'iteration::in'),
        edge('iteration::in', 'text-joiner::oj'),
        edge('text-joiner::oj', 'iteration-node-end::oe'),
        ...bodyEdges('i'),
      ],
    );
    expect(await answer(proto, { rows: [['a', 'b'], ['c']] })).toBe(
      '{"r":["[\\"(a)\\", \\"(b)\\"]","[\\"(c)\\"]"]}',
    );
  });
});

describe('node-variable', () => {
  it('stores values in one run and reads them in the next (same user, app and chat)', async () => {
    const scope = uniqueAlias('f');
    const setFlow = protocol(
      [
        startNode('s', [output('AGENT_USER_INPUT', 'string', true)]),
        node('node-variable::set', {
          inputs: [
            input('color', 'string', ref(S, 'AGENT_USER_INPUT')),
            input('n', 'object', lit({ a: [1] })),
          ],
          nodeParam: { method: 'set', flowId: scope },
        }),
        endNode('e', [], { outputMode: 1, template: 'saved' }),
      ],
      [edge(S, 'node-variable::set'), edge('node-variable::set', E)],
    );
    const getFlow = protocol(
      [
        startNode('s', [output('AGENT_USER_INPUT', 'string', true)]),
        node('node-variable::get', {
          outputs: [
            output('color', 'string'),
            output('n', 'object'),
            output('missing', { type: 'string', default: 'dflt' }),
          ],
          nodeParam: { method: 'get', flowId: scope },
        }),
        endNode(
          'e',
          [
            input('c', 'string', ref('node-variable::get', 'color')),
            input('n', 'object', ref('node-variable::get', 'n')),
            input('m', 'string', ref('node-variable::get', 'missing')),
          ],
          { outputMode: 0 },
        ),
      ],
      [edge(S, 'node-variable::get'), edge('node-variable::get', E)],
    );
    const who = { uid: 'u1', chat_id: 'c1' };
    expect(await answer(setFlow, { AGENT_USER_INPUT: 'teal' }, who)).toBe('saved');
    expect(await answer(getFlow, { AGENT_USER_INPUT: '' }, who)).toBe(
      '{"c":"teal","n":{"a":[1]},"m":"dflt"}',
    );
    expect(await answer(getFlow, { AGENT_USER_INPUT: '' }, { ...who, chat_id: 'other' })).toBe(
      '{"c":"","n":{},"m":"dflt"}',
    );
  });
});

describe('parallel branches', () => {
  it('joins three branches into one node', async () => {
    const branches = ['a', 'b', 'c'];
    const proto = protocol(
      [
        startNode('s', [output('AGENT_USER_INPUT', 'string', true)]),
        ...branches.map((b) =>
          joinerNode(b, `${b}{{q}}`, [input('q', 'string', ref(S, 'AGENT_USER_INPUT'))]),
        ),
        joinerNode(
          'j',
          '{{a}}+{{b}}+{{c}}',
          branches.map((b) => input(b, 'string', ref(`text-joiner::${b}`, 'output'))),
        ),
        endNode('e', [input('r', 'string', ref('text-joiner::j', 'output'))], {
          outputMode: 1,
          template: '{{r}}',
        }),
      ],
      [
        ...branches.flatMap((b) => [
          edge(S, `text-joiner::${b}`),
          edge(`text-joiner::${b}`, 'text-joiner::j'),
        ]),
        edge('text-joiner::j', E),
      ],
    );
    expect(await answer(proto, { AGENT_USER_INPUT: '1' })).toBe('a1+b1+c1');
  });

  it('keeps each output node contiguous, in path order, before the end node', async () => {
    const proto = protocol(
      [
        startNode('s', [output('AGENT_USER_INPUT', 'string', true)]),
        messageNode('m1', 'one-{{q}}-', [input('q', 'string', ref(S, 'AGENT_USER_INPUT'))]),
        messageNode('m2', 'two-{{q}}-', [input('q', 'string', ref(S, 'AGENT_USER_INPUT'))]),
        messageNode('m3', 'three-{{q}}-', [input('q', 'string', ref(S, 'AGENT_USER_INPUT'))]),
        endNode('e', [input('q', 'string', ref(S, 'AGENT_USER_INPUT'))], {
          outputMode: 1,
          template: 'end-{{q}}',
          streamOutput: true,
        }),
      ],
      [
        edge(S, 'message::m1'),
        edge('message::m1', 'message::m3'),
        edge(S, 'message::m2'),
        edge('message::m3', E),
        edge('message::m2', E),
      ],
    );
    const { chunks } = await run(proto, { AGENT_USER_INPUT: 'x' });
    const outputs = nodeTrace(chunks).filter((id) => /^(message|node-end)/.test(id));
    // output nodes never interleave
    const order = outputs.map((id) => id.replace(/:(start|process|end)$/, ''));
    const blocks = order.filter((id, i) => id !== order[i - 1]);
    expect(new Set(blocks).size).toBe(blocks.length);
    expect(blocks.indexOf('message::m1')).toBeLessThan(blocks.indexOf('message::m3'));
    expect(blocks[blocks.length - 1]).toBe(E);
    const text = answerOf(chunks);
    expect(text.endsWith('end-x')).toBe(true);
    expect(text.indexOf('one-x-')).toBeLessThan(text.indexOf('three-x-'));
  });
});
