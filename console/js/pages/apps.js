// Apps: list, create, edit, rotate a secret, delete (the bindings refusal said in words).
import { admin, allApps, ApiError } from '../api.js';
import { field, formatTime, h, note, show } from '../dom.js';
import { appKind, auditWords, PLATFORMS, platformName, publishRights } from '../words.js';

/** 20012: the app still holds bindings (docs/api.md "Deleting an app"). */
const STILL_BOUND = 20012;

export async function appsPage(body) {
  const status = h('div', { 'aria-live': 'polite' });
  const list = h('div');
  const editor = h('div');
  const reload = async () => show(list, appTable(await allApps(), { status, editor, reload }));
  show(
    body,
    h(
      'button',
      { type: 'button', onclick: () => show(editor, appForm(null, { status, editor, reload })) },
      'New app',
    ),
    editor,
    status,
    list,
  );
  await reload();
}

function appTable(apps, ctx) {
  if (apps.length === 0) return note('info', 'No apps yet. Create the first one with "New app".');
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      h('caption', {}, `${apps.length} app(s), oldest first`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          [
            'Alias',
            'Name',
            'Kind',
            'Platform',
            'Publish rights',
            'Audit',
            'Created',
            'Actions',
          ].map((t) => h('th', { scope: 'col' }, t)),
        ),
      ),
      h(
        'tbody',
        {},
        apps.map((app) => appRow(app, ctx)),
      ),
    ),
  );
}

function appRow(app, ctx) {
  const actions = h('td', { class: 'actions' });
  const label = (verb) => `${verb} ${app.alias_id}`;
  actions.append(
    h(
      'button',
      {
        type: 'button',
        'aria-label': label('Edit'),
        onclick: () => show(ctx.editor, appForm(app, ctx)),
      },
      'Edit',
    ),
    h(
      'button',
      { type: 'button', 'aria-label': label('Rotate secret of'), onclick: () => rotate(app, ctx) },
      'Rotate secret',
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'danger',
        'aria-label': label('Delete'),
        onclick: () => confirmDelete(app, ctx),
      },
      'Delete',
    ),
  );
  return h(
    'tr',
    { 'data-alias': app.alias_id },
    h('th', { scope: 'row' }, app.alias_id),
    h('td', {}, app.name),
    h('td', {}, appKind(app)),
    h('td', {}, platformName(app.source)),
    h('td', {}, app.is_tenant === 1 ? publishRights(app.plat_release_auth) : '—'),
    h('td', {}, auditWords(app.audit_policy)),
    h('td', {}, formatTime(app.create_at)),
    actions,
  );
}

/** Create (app null) or edit form; the alias cannot change once created. */
function appForm(app, ctx) {
  const alias = h('input', {
    name: 'alias_id',
    required: true,
    maxlength: 64,
    value: app?.alias_id ?? '',
    readonly: app ? true : undefined,
  });
  const name = h('input', { name: 'name', required: true, maxlength: 30, value: app?.name ?? '' });
  const description = h('input', {
    name: 'description',
    maxlength: 255,
    value: app?.description ?? '',
  });
  const tenant = h('input', { type: 'checkbox', name: 'is_tenant', checked: app?.is_tenant === 1 });
  const source = h(
    'select',
    { name: 'source' },
    h('option', { value: '0' }, 'None'),
    PLATFORMS.map((p) =>
      h('option', { value: String(p.value), selected: app?.source === p.value }, p.name),
    ),
  );
  const rights = PLATFORMS.map((p) =>
    h(
      'label',
      { class: 'inline' },
      h('input', {
        type: 'checkbox',
        name: 'plat_release_auth',
        value: String(p.value),
        checked: ((app?.plat_release_auth ?? 0) & p.value) !== 0,
      }),
      ` ${p.name}`,
    ),
  );
  const audit = h('input', {
    type: 'checkbox',
    name: 'audit_policy',
    checked: app?.audit_policy === 1,
  });
  const apiKey = h('input', { name: 'api_key', maxlength: 50, value: app?.api_key ?? '' });
  const feedback = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'card', 'aria-label': app ? `Edit ${app.alias_id}` : 'New app' },
    h('h2', {}, app ? `Edit ${app.alias_id}` : 'New app'),
    h(
      'div',
      { class: 'grid' },
      field(
        'Alias id',
        alias,
        app
          ? 'The alias names the app to callers; it cannot change.'
          : 'What callers send as X-Consumer-Username.',
      ),
      field('Name', name),
      field('Description', description),
      field('Platform', source),
      field('Model credential key', apiKey),
    ),
    h('label', { class: 'inline' }, tenant, ' Tenant: may publish flows and bind apps to them'),
    h('fieldset', {}, h('legend', {}, 'Tenants may publish on'), rights),
    h('label', { class: 'inline' }, audit, ' Platform audit of inputs and outputs'),
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'submit' }, app ? 'Save changes' : 'Create app'),
      h(
        'button',
        { type: 'button', class: 'secondary', onclick: () => show(ctx.editor) },
        'Cancel',
      ),
    ),
    feedback,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const mask = rights
      .map((l) => l.querySelector('input'))
      .filter((i) => i.checked)
      .reduce((sum, i) => sum | Number(i.value), 0);
    const values = {
      name: name.value.trim(),
      description: description.value.trim(),
      is_tenant: tenant.checked ? 1 : 0,
      source: Number(source.value),
      plat_release_auth: mask,
      audit_policy: audit.checked ? 1 : 0,
      api_key: apiKey.value.trim(),
    };
    try {
      if (app)
        await admin(`/apps/${encodeURIComponent(app.alias_id)}`, { method: 'PATCH', body: values });
      else
        await admin('/apps', { method: 'POST', body: { alias_id: alias.value.trim(), ...values } });
    } catch (error) {
      show(feedback, note('error', createError(error)));
      return;
    }
    show(ctx.editor);
    show(ctx.status, note('ok', app ? `Saved ${app.alias_id}.` : `Created ${alias.value.trim()}.`));
    await ctx.reload();
  });
  queueMicrotask(() => (app ? name : alias).focus());
  return form;
}

function createError(error) {
  if (error instanceof ApiError && error.status === 409) return 'That alias id is already taken.';
  return error instanceof Error ? error.message : String(error);
}

async function rotate(app, ctx) {
  try {
    const rotated = await admin(`/apps/${encodeURIComponent(app.alias_id)}/secret`, {
      method: 'POST',
    });
    show(
      ctx.status,
      h(
        'div',
        { class: 'card secret', role: 'status' },
        h(
          'p',
          {},
          `New secret for ${rotated.alias_id} (key ${rotated.api_key}). It is shown this once: copy it now; the old secret no longer works.`,
        ),
        h('code', { class: 'secret-value' }, rotated.api_secret),
      ),
    );
  } catch (error) {
    show(ctx.status, note('error', error.message));
  }
}

/** Delete asks first; a refusal because of bindings offers deleting them with the app. */
function confirmDelete(app, ctx) {
  const remove = async (force) => {
    try {
      const done = await admin(`/apps/${encodeURIComponent(app.alias_id)}`, {
        method: 'DELETE',
        query: force ? { force: 'true' } : undefined,
      });
      const extra = done.bindings_deleted ? ` and its ${done.bindings_deleted} binding(s)` : '';
      show(ctx.status, note('ok', `Deleted ${app.alias_id}${extra}.`));
      await ctx.reload();
    } catch (error) {
      if (error instanceof ApiError && error.code === STILL_BOUND) {
        const count = /has (\d+) binding/.exec(error.message)?.[1] ?? 'some';
        show(
          ctx.status,
          h(
            'div',
            { class: 'card warn', role: 'alert' },
            h(
              'p',
              {},
              `${app.alias_id} was not deleted: it is still allowed to run ${count} flow(s). Remove those bindings first, or delete them together with the app.`,
            ),
            h(
              'div',
              { class: 'row' },
              h(
                'button',
                { type: 'button', class: 'danger', onclick: () => remove(true) },
                `Delete ${app.alias_id} and its bindings`,
              ),
              h(
                'button',
                { type: 'button', class: 'secondary', onclick: () => show(ctx.status) },
                'Keep it',
              ),
            ),
          ),
        );
        return;
      }
      show(ctx.status, note('error', error.message));
    }
  };
  const yes = h(
    'button',
    { type: 'button', class: 'danger', onclick: () => remove(false) },
    `Yes, delete ${app.alias_id}`,
  );
  show(
    ctx.status,
    h(
      'div',
      { class: 'card warn', role: 'alertdialog', 'aria-label': `Delete ${app.alias_id}` },
      h('p', {}, `Delete the app ${app.alias_id}? Callers using it stop working at once.`),
      h(
        'div',
        { class: 'row' },
        yes,
        h(
          'button',
          { type: 'button', class: 'secondary', onclick: () => show(ctx.status) },
          'Cancel',
        ),
      ),
    ),
  );
  yes.focus();
}
