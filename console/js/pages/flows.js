// Flows of an app: publish status per platform, versions, bindings, publish / take down / bind,
// and the DSL as a read-only graph with each node's settings on click.
import { admin, allApps, flowProtocol, flowsOf, service } from '../api.js';
import { field, formatTime, h, jsonBlock, note, show } from '../dom.js';
import { flowGraph, nodeType } from '../graph.js';
import { PLATFORMS, PUBLISH_OPS, platformStatuses } from '../words.js';

/** The outcome of a publish or bind, shown once after the page reloads its data. */
const FLASH = 'astron-console-flash';

export async function flowsPage(body, params) {
  const apps = await allApps();
  if (apps.length === 0)
    return show(body, note('info', 'No apps yet: create one on the Apps page.'));
  const chosen =
    params.get('app') ?? apps.find((a) => a.is_tenant === 1)?.alias_id ?? apps[0].alias_id;
  const picker = h(
    'select',
    {
      name: 'app',
      onchange: () => (location.hash = `#/flows?app=${encodeURIComponent(picker.value)}`),
    },
    apps.map((a) =>
      h(
        'option',
        { value: a.alias_id, selected: a.alias_id === chosen },
        `${a.alias_id} — ${a.name}`,
      ),
    ),
  );
  const detail = h('section', { class: 'flow-detail', 'aria-live': 'polite' });
  const flows = await flowsOf(chosen);
  show(body, field('App owning the flows', picker), flowTable(chosen, flows), detail);
  const flowId = params.get('flow');
  const flow = flows.find((f) => f.id === flowId);
  if (flow) await flowDetail(detail, flow, apps);
}

function flowTable(alias, flows) {
  if (flows.length === 0)
    return note(
      'info',
      `${alias} owns no flows. Flows are added through the flow API (POST /workflow/v1/protocol/add).`,
    );
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      h('caption', {}, `Flows of ${alias}`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Name', 'Flow id', 'Publish status', 'Updated'].map((t) => h('th', { scope: 'col' }, t)),
        ),
      ),
      h(
        'tbody',
        {},
        flows.map((f) =>
          h(
            'tr',
            { 'data-flow-id': f.id },
            h(
              'th',
              { scope: 'row' },
              h(
                'a',
                { href: `#/flows?app=${encodeURIComponent(alias)}&flow=${f.id}` },
                f.name || '(unnamed)',
              ),
            ),
            h('td', {}, h('code', {}, f.id)),
            h('td', { class: 'platforms' }, platformStatuses(f)),
            h('td', {}, formatTime(f.update_at)),
          ),
        ),
      ),
    ),
  );
}

async function flowDetail(section, flow, apps) {
  const [versions, bindings, protocol] = await Promise.all([
    admin(`/flows/${flow.id}/versions`),
    admin(`/flows/${flow.id}/bindings`),
    flowProtocol(flow.id),
  ]);
  const settings = h(
    'aside',
    { class: 'node-settings card', 'aria-label': 'Node settings' },
    h('p', {}, 'Choose a node to see its settings.'),
  );
  const feedback = h('div', { 'aria-live': 'polite' });
  const flash = sessionStorage.getItem(FLASH);
  sessionStorage.removeItem(FLASH);
  if (flash) feedback.append(note('ok', flash));
  show(
    section,
    h('h2', {}, flow.name || flow.id),
    h('p', {}, flow.description || ''),
    h('p', { class: 'platforms' }, platformStatuses(flow)),
    h('div', { class: 'row wrap' }, publishForm(flow, feedback), bindForm(flow, apps, feedback)),
    feedback,
    h('h3', {}, 'Graph'),
    h(
      'div',
      { class: 'graph-area' },
      flowGraph(protocol, (node) => showNode(settings, node)),
      settings,
    ),
    h('h3', {}, 'Versions'),
    versionTable(versions.items),
    h('h3', {}, 'Bindings'),
    bindingTable(bindings.items),
  );
}

function showNode(panel, node) {
  const data = node.data ?? {};
  show(
    panel,
    h('h4', {}, data.nodeMeta?.aliasName || node.id),
    h('p', {}, `Type ${nodeType(node.id)} · id `, h('code', {}, node.id)),
    h('h5', {}, 'Settings'),
    jsonBlock(data.nodeParam ?? {}),
    h('h5', {}, 'Inputs'),
    jsonBlock(data.inputs ?? []),
    h('h5', {}, 'Outputs'),
    jsonBlock(data.outputs ?? []),
  );
}

/** Publish, publish as API or take down on a platform, as the owning tenant (POST /v1/publish). */
function publishForm(flow, feedback) {
  const op = h(
    'select',
    { name: 'release_status' },
    PUBLISH_OPS.map((o) => h('option', { value: String(o.value) }, o.name)),
  );
  const plat = h(
    'select',
    { name: 'plat' },
    PLATFORMS.map((p) =>
      h('option', { value: String(p.value), selected: p.value === flow.source }, p.name),
    ),
  );
  const version = h('input', { name: 'version', placeholder: 'e.g. v1.0' });
  const form = h(
    'form',
    { class: 'card', 'aria-label': 'Publish' },
    h('h3', {}, 'Publish'),
    field('Operation', op),
    field('Platform', plat),
    field('Version label (optional)', version, 'Publishing with a label keeps a snapshot.'),
    h('button', { type: 'submit' }, 'Apply'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { flow_id: flow.id, release_status: Number(op.value), plat: Number(plat.value) };
    if (version.value.trim()) body.version = version.value.trim();
    await act(
      feedback,
      () => service('/v1/publish', body, flow.app_id),
      `${op.selectedOptions[0].text}: done.`,
      flow,
    );
  });
  return form;
}

/** Let an app run the flow (POST /v1/auth as the owning tenant). */
function bindForm(flow, apps, feedback) {
  const app = h(
    'select',
    { name: 'bind_app' },
    apps.map((a) => h('option', { value: a.alias_id }, `${a.alias_id} — ${a.name}`)),
  );
  const form = h(
    'form',
    { class: 'card', 'aria-label': 'Bind an app' },
    h('h3', {}, 'Bind an app'),
    field('App allowed to run this flow', app, 'The flow must be published first.'),
    h('button', { type: 'submit' }, 'Bind'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    await act(
      feedback,
      () => service('/v1/auth', { flow_id: flow.id, app_id: app.value }, flow.app_id),
      `Bound ${app.value}.`,
      flow,
    );
  });
  return form;
}

/** Runs an action, then reloads the page so statuses, versions and bindings are current. */
async function act(feedback, action, success, flow) {
  try {
    await action();
  } catch (error) {
    show(
      feedback,
      note('error', `Refused: ${error.message}${error.code ? ` (code ${error.code})` : ''}`),
    );
    return;
  }
  sessionStorage.setItem(FLASH, success);
  const target = `#/flows?app=${encodeURIComponent(flow.app_id)}&flow=${flow.id}`;
  if (location.hash === target) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = target;
}

function versionTable(items) {
  if (items.length === 0)
    return note('info', 'No versions: publish with a version label to keep one.');
  return wrap(
    'table',
    {},
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Version', 'Snapshot id', 'Publish status', 'First published', 'Last published'].map((t) =>
          h('th', { scope: 'col' }, t),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      items.map((v) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, v.version),
          h('td', {}, h('code', {}, v.flow_id)),
          h('td', {}, platformStatuses(v)),
          h('td', {}, formatTime(v.create_at)),
          h('td', {}, formatTime(v.update_at)),
        ),
      ),
    ),
  );
}

function bindingTable(items) {
  if (items.length === 0) return note('info', 'No app is bound to this flow yet.');
  return wrap(
    'table',
    { class: 'bindings' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['App', 'Name', 'State', 'Since'].map((t) => h('th', { scope: 'col' }, t)),
      ),
    ),
    h(
      'tbody',
      {},
      items.map((b) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, b.alias_id ?? `(deleted app ${b.app_id})`),
          h('td', {}, b.app_name ?? ''),
          h('td', {}, b.status === 1 ? 'Enabled' : 'Disabled'),
          h('td', {}, formatTime(b.create_at)),
        ),
      ),
    ),
  );
}

/** A table that scrolls inside its box on a narrow window instead of widening the page. */
function wrap(...table) {
  return h('div', { class: 'table-wrap' }, h(...table));
}
