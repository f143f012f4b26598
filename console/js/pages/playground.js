// Playground: pick a flow, fill the start node's inputs from its schema, run it debug or
// release, watch the frames stream and answer a question-answer pause inline.
import { admin, allApps, flowProtocol, flowsOf } from '../api.js';
import { field, h, note, show } from '../dom.js';
import { nodeType } from '../graph.js';
import { startInputs } from '../start-inputs.js';
import { streamRun } from '../stream.js';

const ROUTES = {
  debug: { run: '/workflow/v1/debug/chat/completions', resume: '/workflow/v1/debug/resume' },
  release: { run: '/workflow/v1/chat/completions', resume: '/workflow/v1/resume' },
};

export async function playgroundPage(body, params) {
  const apps = await allApps();
  if (apps.length === 0)
    return show(body, note('info', 'No apps yet: create one on the Apps page.'));
  const owner =
    params.get('app') ?? apps.find((a) => a.is_tenant === 1)?.alias_id ?? apps[0].alias_id;
  const ownerPicker = h(
    'select',
    {
      name: 'owner',
      onchange: () => (location.hash = `#/playground?app=${encodeURIComponent(ownerPicker.value)}`),
    },
    apps.map((a) => h('option', { value: a.alias_id, selected: a.alias_id === owner }, a.alias_id)),
  );
  const flows = await flowsOf(owner);
  if (flows.length === 0)
    return show(body, field('Flows of app', ownerPicker), note('info', `${owner} owns no flows.`));
  const chosen = flows.find((f) => f.id === params.get('flow')) ?? flows[0];
  const flowPicker = h(
    'select',
    {
      name: 'flow',
      onchange: () =>
        (location.hash = `#/playground?app=${encodeURIComponent(owner)}&flow=${flowPicker.value}`),
    },
    flows.map((f) => h('option', { value: f.id, selected: f.id === chosen.id }, f.name || f.id)),
  );
  const [protocol, versions] = await Promise.all([
    flowProtocol(chosen.id),
    admin(`/flows/${chosen.id}/versions`),
  ]);
  const runAs = h(
    'select',
    { name: 'consumer' },
    apps.map((a) => h('option', { value: a.alias_id, selected: a.alias_id === owner }, a.alias_id)),
  );
  const version = h(
    'select',
    { name: 'version' },
    h('option', { value: '' }, 'Draft / latest'),
    versions.items.map((v) => h('option', { value: v.version }, v.version)),
  );
  const mode = h(
    'fieldset',
    { class: 'inline-group' },
    h('legend', {}, 'Mode'),
    h(
      'label',
      { class: 'inline' },
      h('input', { type: 'radio', name: 'mode', value: 'debug', checked: true }),
      ' Debug (draft, every frame)',
    ),
    h(
      'label',
      { class: 'inline' },
      h('input', { type: 'radio', name: 'mode', value: 'release' }),
      ' Release (published flow)',
    ),
  );
  const inputs = startInputs(protocol, () => runAs.value);
  const output = h('section', { class: 'run-output', 'aria-label': 'Run output' });
  const form = h(
    'form',
    { class: 'card', 'aria-label': 'Run a flow' },
    h(
      'div',
      { class: 'grid' },
      field('Flows of app', ownerPicker),
      field('Flow', flowPicker),
      field('Run as app (X-Consumer-Username)', runAs),
      field('Version', version),
    ),
    mode,
    h(
      'fieldset',
      {},
      h('legend', {}, 'Start inputs'),
      inputs.length ? inputs.map((i) => i.field) : h('p', {}, 'This flow takes no inputs.'),
    ),
    h('button', { type: 'submit' }, 'Run'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    let parameters;
    try {
      parameters = Object.fromEntries(inputs.map((i) => [i.name, i.read()]));
    } catch (error) {
      show(output, note('error', error.message));
      return;
    }
    const chosenMode = form.querySelector('input[name=mode]:checked').value;
    const request = { flow_id: chosen.id, parameters, stream: true };
    if (version.value) request.version = version.value;
    void runInto(output, ROUTES[chosenMode], request, runAs.value);
  });
  show(body, form, output);
}

/** Runs and renders: answer, reasoning, node progress, and the interrupt question if any. */
async function runInto(output, routes, request, consumer) {
  const progress = h('progress', { max: 1, value: 0, 'aria-label': 'Run progress' });
  const answer = h('div', { class: 'answer', 'aria-live': 'polite', 'aria-label': 'Answer' });
  const reasoning = h('div', { class: 'reasoning', 'aria-label': 'Reasoning' });
  const nodes = h('ol', { class: 'node-progress', 'aria-label': 'Node progress' });
  const pause = h('div');
  const outcome = h('div', { 'aria-live': 'polite' });
  let frameCount = 0;
  show(
    output,
    h('h2', {}, 'Run'),
    progress,
    h('h3', {}, 'Answer'),
    answer,
    h('details', {}, h('summary', {}, 'Reasoning'), reasoning),
    h('h3', {}, 'Nodes'),
    nodes,
    pause,
    outcome,
    h('p', { class: 'frames' }),
    h('p', {}, h('a', { href: `#/runs?flow_id=${request.flow_id}` }, "This flow's runs")),
  );
  const counter = output.querySelector('.frames');
  const nodeRows = new Map();
  const onFrame = (frame) => {
    frameCount += 1;
    counter.textContent = `${frameCount} frame(s) received`;
    const step = frame.workflow_step ?? {};
    if (typeof step.progress === 'number') progress.value = step.progress;
    const choice = frame.choices?.[0] ?? {};
    const delta = choice.delta ?? {};
    if (delta.content) answer.append(delta.content);
    if (delta.reasoning_content) reasoning.append(delta.reasoning_content);
    if (step.node) noteNode(nodes, nodeRows, step.node, frame);
    if (frame.code !== undefined && frame.code !== 0) {
      show(outcome, note('error', `Run failed: ${frame.message} (code ${frame.code})`));
      return;
    }
    if (choice.finish_reason === 'interrupt' && frame.event_data) {
      show(
        pause,
        question(frame.event_data, (content) => resume(frame.event_data.event_id, content)),
      );
    } else if (choice.finish_reason === 'stop') {
      show(pause);
      show(
        outcome,
        note(
          'ok',
          `Run finished${frame.usage ? ` · ${frame.usage.total_tokens ?? 0} tokens` : ''}.`,
        ),
      );
    }
  };
  const resume = (eventId, content) => {
    show(pause, note('info', 'Answer sent; the run goes on…'));
    return streamRun(
      routes.resume,
      { event_id: eventId, event_type: 'resume', content },
      consumer,
      onFrame,
    ).catch(fail);
  };
  const fail = (error) =>
    show(outcome, note('error', `The run could not be read: ${error.message}`));
  await streamRun(routes.run, request, consumer, onFrame).catch(fail);
}

/** One line per node: started, finished (with time) or failed; debug frames only. */
function noteNode(list, rows, node, frame) {
  const key = node.id ?? node.flow_obj ?? 'flow';
  let row = rows.get(key);
  if (!row) {
    row = h('li', { 'data-node-id': key });
    rows.set(key, row);
    list.append(row);
  }
  const name = key === 'flow_obj' ? 'Whole flow' : `${node.alias_name || key} (${nodeType(key)})`;
  let state = 'running';
  if (frame.code) state = `failed: ${frame.message}`;
  else if (node.finish_reason === 'stop') state = `done in ${node.executed_time ?? 0} s`;
  else if (node.finish_reason === 'interrupt') state = 'waiting for an answer';
  row.textContent = `${name} — ${state}`;
  row.className = frame.code ? 'failed' : '';
}

/** The question of a question-answer pause: option buttons, or a free answer. */
function question(eventData, answer) {
  const value = eventData.value ?? {};
  const box = h(
    'div',
    { class: 'card question', role: 'group', 'aria-label': 'The flow asks' },
    h('p', { class: 'question-text' }, value.content ?? 'The flow is waiting for an answer.'),
  );
  if (value.type === 'option' && Array.isArray(value.option)) {
    box.append(
      h(
        'div',
        { class: 'row wrap' },
        value.option.map((o) =>
          h('button', { type: 'button', onclick: () => answer(o.id) }, `${o.id}: ${o.text}`),
        ),
      ),
    );
  } else {
    const input = h('input', { name: 'answer', required: true });
    const form = h(
      'form',
      {},
      field('Your answer', input),
      h('button', { type: 'submit' }, 'Send answer'),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      answer(input.value);
    });
    box.append(form);
    queueMicrotask(() => input.focus());
  }
  return box;
}
