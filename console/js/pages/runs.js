// Runs: history filtered by app, flow, status and start time, and one run's node timeline, from
// the run records API (docs/api.md "Run records": GET /workflow/v1/admin/runs, …/runs/{run_id}).
// A service without that API answers 404 on the list: said in words instead of failing the page.
import { admin, ApiError } from '../api.js';
import { field, formatTime, h, jsonBlock, note, show } from '../dom.js';

const STATUSES = ['running', 'paused', 'succeeded', 'failed', 'cancelled'];
const FILTERS = ['app_id', 'flow_id', 'status', 'since', 'until'];
const PAGE_SIZE = 20;
const UNAVAILABLE =
  'Run history is not available on this service (its run records API answered 404).';

export async function runsPage(body, params) {
  const filters = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? '']));
  const pageNumber = Math.max(1, Number(params.get('page')) || 1);
  const list = h('div');
  const detail = h('section', { class: 'run-detail', 'aria-live': 'polite' });
  show(body, filterForm(filters), list, detail);
  let page;
  try {
    page = await admin('/runs', {
      query: {
        ...filters,
        since: isoOf(filters.since),
        until: isoOf(filters.until),
        page: pageNumber,
        page_size: PAGE_SIZE,
      },
    });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404)
      return show(list, note('info', UNAVAILABLE));
    throw error;
  }
  show(list, runTable(page, params));
  const runId = params.get('run');
  if (runId) await runDetail(detail, runId);
}

/** `datetime-local` values are local time; the API takes ISO 8601. */
function isoOf(local) {
  return local ? new Date(local).toISOString() : '';
}

/** A link to this page with some query values changed (filters kept). */
function linkWith(params, changes) {
  const query = new URLSearchParams(params);
  for (const [key, value] of Object.entries(changes)) query.set(key, String(value));
  return `#/runs?${query}`;
}

function filterForm(filters) {
  const controls = [
    field('App alias', h('input', { name: 'app_id', value: filters.app_id })),
    field('Flow id', h('input', { name: 'flow_id', value: filters.flow_id, inputmode: 'numeric' })),
    field(
      'Status',
      h(
        'select',
        { name: 'status' },
        h('option', { value: '' }, 'Any'),
        STATUSES.map((s) => h('option', { value: s, selected: s === filters.status }, s)),
      ),
    ),
    field(
      'Started after',
      h('input', { type: 'datetime-local', name: 'since', value: filters.since }),
    ),
    field(
      'Started before',
      h('input', { type: 'datetime-local', name: 'until', value: filters.until }),
    ),
  ];
  const form = h(
    'form',
    { class: 'card filters', 'aria-label': 'Filter runs' },
    h('div', { class: 'grid' }, controls),
    h('button', { type: 'submit' }, 'Filter'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const name of FILTERS) {
      const value = form.elements.namedItem(name).value;
      if (value) query.set(name, value);
    }
    location.hash = `#/runs?${query}`;
  });
  return form;
}

/** An error as its code, set off so a failure's code stands out, then its message. */
function errorText(error) {
  if (!error) return '';
  return [h('code', { class: 'error-code' }, String(error.code)), ` ${error.message ?? ''}`];
}

function runTable(page, params) {
  const runs = page.items ?? [];
  if (runs.length === 0) return note('info', 'No runs match these filters.');
  const last = Math.max(1, Math.ceil((page.total ?? runs.length) / (page.page_size || PAGE_SIZE)));
  const current = page.page ?? 1;
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'runs' },
      h(
        'caption',
        {},
        `${page.total ?? runs.length} run(s), newest first · page ${current} of ${last}`,
      ),
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
            { class: run.status === 'failed' ? 'failed' : '', 'data-run-id': run.run_id },
            h(
              'th',
              { scope: 'row' },
              h('a', { href: linkWith(params, { run: run.run_id }) }, h('code', {}, run.run_id)),
            ),
            h('td', {}, run.status === 'failed' ? h('strong', {}, 'failed') : run.status),
            h('td', {}, run.flow_id ?? ''),
            h('td', {}, run.app_id ?? ''),
            h('td', {}, run.mode ?? ''),
            h('td', {}, formatTime(run.started_at)),
            h('td', {}, run.usage?.total_tokens ?? ''),
            h('td', {}, errorText(run.error)),
          ),
        ),
      ),
    ),
    h(
      'nav',
      { class: 'row', 'aria-label': 'Pages of runs' },
      current > 1 ? h('a', { href: linkWith(params, { page: current - 1 }) }, 'Newer') : null,
      current < last ? h('a', { href: linkWith(params, { page: current + 1 }) }, 'Older') : null,
    ),
  );
}

/** A run's timeline: one card per node with inputs, outputs, timing, tokens, retries and error. */
async function runDetail(section, runId) {
  let run;
  try {
    run = await admin(`/runs/${encodeURIComponent(runId)}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      return show(
        section,
        note('error', `Run ${runId} was not found (unknown, or past its retention).`),
      );
    }
    throw error;
  }
  const failed = run.status === 'failed';
  show(
    section,
    h('h2', {}, `Run ${run.run_id}`),
    h(
      'p',
      { class: failed ? 'failed' : '' },
      `${run.mode ?? ''} run of flow ${run.flow_id}${run.version ? ` (version ${run.version})` : ''} by ${run.app_id}: `,
      failed ? h('strong', {}, 'failed') : run.status,
      run.error ? [' — error ', errorText(run.error)] : '',
    ),
    h(
      'p',
      {},
      `Started ${formatTime(run.started_at)}${run.finished_at ? ` · finished ${formatTime(run.finished_at)}` : ''} · ${run.usage?.total_tokens ?? 0} tokens`,
      run.parent_run_id ? ' · sub-flow of ' : '',
      run.parent_run_id
        ? h('a', { href: `#/runs?run=${encodeURIComponent(run.parent_run_id)}` }, run.parent_run_id)
        : '',
    ),
    h('h3', {}, 'Node trace'),
    (run.nodes ?? []).length === 0
      ? note('info', 'No node ended in this run.')
      : h('ol', { class: 'timeline', 'aria-label': 'Node trace' }, run.nodes.map(nodeCard)),
  );
}

function nodeCard(node) {
  const timing = node.finished_at
    ? `${node.duration_ms ?? ''} ms`
    : 'still running when the run ended';
  return h(
    'li',
    { class: node.error ? 'failed card' : 'card', 'data-node-id': node.node_id },
    h('h4', {}, `${node.alias_name || node.node_id} (${node.node_type})`),
    h(
      'p',
      {},
      `Started ${formatTime(node.started_at)} · ${timing} · ${node.usage?.total_tokens ?? 0} tokens`,
      node.retries ? ` · ${node.retries} ${node.retries === 1 ? 'retry' : 'retries'}` : '',
    ),
    node.error ? h('p', { class: 'note error' }, 'Failed: ', errorText(node.error)) : null,
    // a node that ended well after failed attempts (or by its fallback): why it was retried
    node.retry_error && !node.error
      ? h('p', { class: 'note' }, 'Last failed attempt: ', errorText(node.retry_error))
      : null,
    h('details', {}, h('summary', {}, 'Inputs'), jsonBlock(node.inputs ?? {})),
    h('details', {}, h('summary', {}, 'Outputs'), jsonBlock(node.outputs ?? {})),
  );
}
