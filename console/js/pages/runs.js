// Runs: history filtered by app, flow, status and time, and one run's node timeline. The run
// records API (GET /workflow/v1/admin/runs, …/runs/{run_id}) may be absent on this service: a
// 404 from it is said in words instead of failing the page.
import { admin, ApiError } from '../api.js';
import { field, formatTime, h, jsonBlock, note, show } from '../dom.js';

const STATUSES = ['running', 'paused', 'succeeded', 'failed', 'cancelled'];
const UNAVAILABLE =
  'Run history is not available on this service (the run records API answered 404).';

export async function runsPage(body, params) {
  const filters = {
    app_id: params.get('app_id') ?? '',
    flow_id: params.get('flow_id') ?? '',
    status: params.get('status') ?? '',
    since: params.get('since') ?? '',
    until: params.get('until') ?? '',
  };
  const list = h('div');
  const detail = h('section', { class: 'run-detail', 'aria-live': 'polite' });
  show(body, filterForm(filters), list, detail);
  let page;
  try {
    page = await admin('/runs', {
      query: { ...filters, since: isoOf(filters.since), until: isoOf(filters.until) },
    });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404)
      return show(list, note('info', UNAVAILABLE));
    throw error;
  }
  show(list, runTable(page.items ?? [], params));
  const runId = params.get('run');
  if (runId) await runDetail(detail, runId);
}

function isoOf(local) {
  return local ? new Date(local).toISOString() : '';
}

function filterForm(filters) {
  const app = h('input', { name: 'app_id', value: filters.app_id });
  const flow = h('input', { name: 'flow_id', value: filters.flow_id, inputmode: 'numeric' });
  const status = h(
    'select',
    { name: 'status' },
    h('option', { value: '' }, 'Any'),
    STATUSES.map((s) => h('option', { value: s, selected: s === filters.status }, s)),
  );
  const since = h('input', { type: 'datetime-local', name: 'since', value: filters.since });
  const until = h('input', { type: 'datetime-local', name: 'until', value: filters.until });
  const form = h(
    'form',
    { class: 'card filters', 'aria-label': 'Filter runs' },
    h(
      'div',
      { class: 'grid' },
      field('App alias', app),
      field('Flow id', flow),
      field('Status', status),
      field('Started after', since),
      field('Started before', until),
    ),
    h('button', { type: 'submit' }, 'Filter'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const control of [app, flow, status, since, until])
      if (control.value) query.set(control.name, control.value);
    location.hash = `#/runs?${query}`;
  });
  return form;
}

function runTable(runs, params) {
  if (runs.length === 0) return note('info', 'No runs match these filters.');
  const link = (id) => {
    const query = new URLSearchParams(params);
    query.set('run', id);
    return `#/runs?${query}`;
  };
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Run', 'Status', 'Flow', 'App', 'Mode', 'Started', 'Tokens', 'Error'].map((t) =>
            h('th', { scope: 'col' }, t),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        runs.map((run) =>
          h(
            'tr',
            { class: run.status === 'failed' ? 'failed' : '' },
            h(
              'th',
              { scope: 'row' },
              h('a', { href: link(run.run_id) }, h('code', {}, run.run_id)),
            ),
            h('td', {}, run.status === 'failed' ? h('strong', {}, 'failed') : run.status),
            h('td', {}, run.flow_id ?? ''),
            h('td', {}, run.app_id ?? ''),
            h('td', {}, run.mode ?? ''),
            h('td', {}, formatTime(run.started_at ?? run.create_at)),
            h('td', {}, run.usage?.total_tokens ?? ''),
            h('td', {}, run.error_code ? `${run.error_code} ${run.error_message ?? ''}` : ''),
          ),
        ),
      ),
    ),
  );
}

/** A run's timeline: one card per node with inputs, outputs, timing, tokens and error. */
async function runDetail(section, runId) {
  let run;
  try {
    run = await admin(`/runs/${encodeURIComponent(runId)}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404)
      return show(section, note('info', UNAVAILABLE));
    throw error;
  }
  const nodes = run.nodes ?? run.trace ?? [];
  show(
    section,
    h('h2', {}, `Run ${run.run_id ?? runId}`),
    h(
      'p',
      { class: run.status === 'failed' ? 'failed' : '' },
      `Status ${run.status}${run.error_code ? ` · error ${run.error_code} ${run.error_message ?? ''}` : ''}`,
    ),
    h(
      'ol',
      { class: 'timeline' },
      nodes.map((node) =>
        h(
          'li',
          { class: node.error_code || node.error ? 'failed card' : 'card' },
          h('h3', {}, `${node.alias_name ?? node.node_id} (${node.node_type ?? ''})`),
          h(
            'p',
            {},
            `${formatTime(node.started_at)} · ${node.duration_ms ?? ''} ms · ${node.usage?.total_tokens ?? 0} tokens${node.retries ? ` · ${node.retries} retries` : ''}`,
          ),
          node.error_code || node.error
            ? h(
                'p',
                { class: 'note error' },
                `Error ${node.error_code ?? ''} ${node.error_message ?? node.error ?? ''}`,
              )
            : null,
          h('details', {}, h('summary', {}, 'Inputs'), jsonBlock(node.inputs ?? {})),
          h('details', {}, h('summary', {}, 'Outputs'), jsonBlock(node.outputs ?? {})),
        ),
      ),
    ),
  );
}
