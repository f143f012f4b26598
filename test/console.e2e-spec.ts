import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ADMIN_AUTH, ADMIN_TOKEN } from './helpers/app-fixtures';
import { launchChromium, screenshot, timedVisit } from './helpers/console-browser';
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';
import { addFlow, edge, endNode, input, output, protocol, ref, startNode } from './chat.helpers';
import { samples } from './fixtures/upload-samples';
import { oneOptionQuestionFlow } from './llm/llm-flows';

// The admin console (docs/console.md) in Chromium against the real service on a free port: an
// operator signs in, creates a tenant, sees a flow added through the API drawn as a graph,
// publishes and binds it, runs it in the playground with a question answered inline, and manages
// the app (secret, delete). Each step drives the page and checks the service's state over HTTP.

describe('admin console in the browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const tenant = uniqueAlias('ten');
  let flowId: string;

  beforeAll(async () => {
    t = await createTestApp({ ADMIN_TOKEN, RUNTIME_ENV: 'test' });
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    base = `http://127.0.0.1:${port}/console`;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    // a missing element fails its test within the test's time, with the locator named
    page.setDefaultTimeout(10_000);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const adminGet = (path: string) =>
    t.http().get(`/workflow/v1/admin${path}`).set(ADMIN_AUTH).expect(200);

  it('serves the console as files, outside the envelope and the API docs', async () => {
    const index = await t.http().get('/console').expect(200);
    expect(index.headers['content-type']).toMatch(/^text\/html/);
    expect(index.text).toContain('/console/js/main.js');
    const script = await t.http().get('/console/js/main.js').expect(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    await t.http().get('/console/js/../../package.json').expect(404);
    await t.http().get('/console/nothing-here.js').expect(404);
    const docs = await t.http().get('/openapi.json').expect(200);
    expect(Object.keys(docs.body.paths).filter((p) => p.startsWith('/console'))).toEqual([]);
  });

  it('refuses a wrong token in words, then signs in with ADMIN_TOKEN', async () => {
    await timedVisit(page, base, 'h1:has-text("Sign in")', 'sign-in');
    await page.getByLabel('Admin token').fill('not-the-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectText(page.getByRole('alert'), 'The admin token was not accepted');
    await screenshot(page, 'sign-in-refused');
    await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('h1:has-text("Apps")').waitFor();
    expect(await page.evaluate('sessionStorage.length')).toBe(1);
  });

  it('creates and edits a tenant app, its rights shown in words', async () => {
    await page.getByRole('button', { name: 'New app' }).click();
    await page.getByLabel('Alias id').fill(tenant);
    await page.getByLabel('Name', { exact: true }).fill('Console tenant');
    await page.getByLabel('Platform', { exact: true }).selectOption({ label: 'Xingchen Platform' });
    await page.getByLabel('Tenant: may publish flows and bind apps to them').check();
    await page.getByLabel('Xingchen Platform', { exact: true }).check();
    await page.getByLabel('AIUI', { exact: true }).check();
    await page.getByRole('button', { name: 'Create app' }).click();
    const row = page.locator(`tr[data-alias="${tenant}"]`);
    await expectText(row, 'Tenant (publishes and binds flows)');
    await expectText(row, 'May publish on Xingchen Platform, AIUI');
    await page.getByRole('button', { name: `Edit ${tenant}` }).click();
    await expect(page.getByLabel('Alias id').getAttribute('readonly')).resolves.toBe('');
    await page.getByLabel('Name', { exact: true }).fill('Console tenant 2');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expectText(page.locator('.note.ok'), `Saved ${tenant}.`);
    await expectText(row, 'Console tenant 2');
    await screenshot(page, 'apps');
    const stored = await adminGet(`/apps/${tenant}`);
    expect(stored.body.data).toMatchObject({
      alias_id: tenant,
      name: 'Console tenant 2',
      is_tenant: 1,
      source: 1,
      plat_release_auth: 5,
    });
  });

  it('shows a flow added through the API, with its graph and node settings', async () => {
    flowId = await addFlow(t, tenant, oneOptionQuestionFlow());
    await timedVisit(page, `${base}#/flows?app=${tenant}`, `tr[data-flow-id="${flowId}"]`, 'flows');
    await expectText(
      page.locator(`tr[data-flow-id="${flowId}"]`),
      'Xingchen Platform: Unpublished',
    );
    await page.locator(`tr[data-flow-id="${flowId}"] a`).click();
    const graph = page.locator('svg.graph');
    await graph.waitFor();
    expect(await graph.locator('.node').count()).toBe(4);
    expect(await graph.locator('.edge').count()).toBe(3);
    await expectText(graph.locator('.edge .handle'), 'option-one-of::a');
    // keyboard: a node is a focusable button
    await graph.locator('[data-node-type="question-answer"]').focus();
    await page.keyboard.press('Enter');
    const settings = page.getByRole('complementary', { name: 'Node settings' });
    await expectText(settings, 'Pick a size');
    await expectText(settings, 'Type question-answer');
    await screenshot(page, 'flows');
  });

  it('publishes with a version and binds an app from the Flows page', async () => {
    await page.getByLabel('Operation').selectOption({ label: 'Publish' });
    await page.getByLabel('Platform', { exact: true }).selectOption({ label: 'Xingchen Platform' });
    await page.getByLabel('Version label (optional)').fill('v1.0');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expectText(page.locator('.note.ok'), 'Publish: done.');
    await expectText(page.locator('.flow-detail .platforms'), 'Xingchen Platform: Published');
    await expectText(page.locator('.flow-detail table').first(), 'v1.0');
    await page.getByLabel('App allowed to run this flow').selectOption(tenant);
    await page.getByRole('button', { name: 'Bind', exact: true }).click();
    await expectText(page.locator('.note.ok'), `Bound ${tenant}.`);
    await expectText(page.locator('table.bindings'), tenant);
    await screenshot(page, 'flows-published');
    const bindings = await adminGet(`/flows/${flowId}/bindings`);
    expect(bindings.body.data.items.map((b: { alias_id: string }) => b.alias_id)).toEqual([tenant]);
    const versions = await adminGet(`/flows/${flowId}/versions`);
    expect(versions.body.data.items.map((v: { version: string }) => v.version)).toEqual(['v1.0']);
  });

  it.each(['debug', 'release'])(
    'runs the flow in the playground (%s), answering the question inline',
    async (mode) => {
      const url = `${base}#/playground?app=${tenant}&flow=${flowId}`;
      await timedVisit(page, url, 'button:has-text("Run")', 'playground');
      await page.getByLabel(/^AGENT_USER_INPUT/).fill('a coffee');
      await page.getByLabel(mode === 'debug' ? /Debug \(draft/ : /Release \(published/).check();
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      const question = page.getByRole('group', { name: 'The flow asks' });
      await expectText(question, 'Pick a size');
      if (mode === 'debug') {
        await expectText(
          page.getByRole('list', { name: 'Node progress' }),
          'waiting for an answer',
        );
      }
      await screenshot(page, `playground-${mode}-question`);
      const framesBefore = await frameCount(page);
      expect(framesBefore).toBeGreaterThan(0);
      await question.getByRole('button', { name: 'A: Small' }).click();
      await expectText(page.getByLabel('Answer', { exact: true }), 'You chose Small');
      await expectText(page.locator('.note.ok'), 'Run finished');
      expect(await frameCount(page)).toBeGreaterThan(framesBefore);
      expect(await page.evaluate("document.querySelector('progress').value")).toBe(1);
      if (mode === 'debug') {
        await expectText(
          page.getByRole('list', { name: 'Node progress' }),
          /\(message\) — done in/,
        );
      }
      await screenshot(page, `playground-${mode}`);
    },
  );

  it('takes the flow down from the Flows page; release runs are then refused', async () => {
    await timedVisit(page, `${base}#/flows?app=${tenant}&flow=${flowId}`, 'svg.graph', 'flow');
    await page.getByLabel('Operation').selectOption({ label: 'Take down' });
    await page.getByLabel('Platform', { exact: true }).selectOption({ label: 'Xingchen Platform' });
    await page.getByRole('button', { name: 'Apply' }).click();
    await expectText(page.locator('.note.ok'), 'Take down: done.');
    await expectText(page.locator('.flow-detail .platforms'), 'Xingchen Platform: Taken Down');
    const flows = await adminGet(`/flows?app_id=${tenant}`);
    expect(flows.body.data.items[0].platforms[0]).toMatchObject({
      platform: 1,
      status: 'Taken Down',
    });
    await timedVisit(
      page,
      `${base}#/playground?app=${tenant}&flow=${flowId}`,
      'button:has-text("Run")',
      'playground',
    );
    await page.getByLabel(/^AGENT_USER_INPUT/).fill('a tea');
    await page.getByLabel(/Release \(published/).check();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expectText(page.getByRole('alert'), 'Run failed:');
    await expectText(page.getByRole('alert'), '(code 20204)');
    await screenshot(page, 'playground-refused');
  });

  it('uploads a file for a file input and runs on its URL', async () => {
    const fileFlowId = await addFlow(t, tenant, fileFlow());
    const url = `${base}#/playground?app=${tenant}&flow=${fileFlowId}`;
    await timedVisit(page, url, 'button:has-text("Run")', 'playground (file input)');
    await page.getByLabel(/^AGENT_USER_INPUT/).fill('read it');
    await page.getByLabel('Upload doc').setInputFiles({
      name: 'contract.pdf',
      mimeType: 'application/pdf',
      buffer: samples.pdf(),
    });
    await expectText(page.locator('.file-input .note.ok'), 'Uploaded 1 file(s).');
    const doc = await page.getByLabel(/^doc/).inputValue();
    expect(doc).toMatch(/\/workflow\/v1\/files\/[0-9a-f-]+\.pdf$/);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expectText(page.locator('.note.ok').last(), 'Run finished');
    await expectText(page.getByLabel('Answer', { exact: true }), doc);
    await screenshot(page, 'playground-file-input');
  });

  it('says run history is not available when the runs API answers 404', async () => {
    await page.route('**/workflow/v1/admin/runs**', (route) =>
      route.fulfill({
        status: 404,
        contentType: 'application/json',
        body: '{"detail":"Not Found"}',
      }),
    );
    try {
      await timedVisit(page, `${base}#/runs`, 'h1:has-text("Runs")', 'runs');
      await expectText(page.locator('.page-body'), 'Run history is not available');
      await screenshot(page, 'runs');
    } finally {
      await page.unroute('**/workflow/v1/admin/runs**');
    }
  });

  it("lists runs by filter and shows a failed run's node trace (run records API, docs/api.md)", async () => {
    // the run records API is another module's; its documented answers are served here so the
    // page is tested on its own (the requests the page makes are checked too)
    const requested: URL[] = [];
    await page.route('**/workflow/v1/admin/runs**', (route) => {
      const url = new URL(route.request().url());
      requested.push(url);
      const runId = url.pathname.split('/runs/')[1];
      const data = runId ? { ...FAILED_RUN, nodes: FAILED_TRACE } : runPage(url);
      return route.fulfill({ json: { code: 0, message: 'success', data, sid: 'sid' } });
    });
    try {
      await timedVisit(page, `${base}#/runs`, 'table.runs', 'runs (records)');
      await page.getByLabel('Status').selectOption('failed');
      await page.getByLabel('Flow id').fill(FAILED_RUN.flow_id);
      await page.getByRole('button', { name: 'Filter' }).click();
      const row = page.locator(`tr[data-run-id="${FAILED_RUN.run_id}"]`);
      await expectText(row, '22302 Node execution failed');
      expect(await row.getAttribute('class')).toBe('failed');
      expect(await page.locator('table.runs tbody tr').count()).toBe(1);
      const listed = requested.at(-1)!;
      expect(listed.searchParams.get('status')).toBe('failed');
      expect(listed.searchParams.get('flow_id')).toBe(FAILED_RUN.flow_id);
      await row.getByRole('link').click();
      const trace = page.getByRole('list', { name: 'Node trace' });
      await expectText(trace.locator('li.failed'), 'Failed: 22302 Node execution failed(boom)');
      await expectText(trace.locator('li').first(), 'Started');
      expect(await trace.locator('li').count()).toBe(2);
      await expectText(page.locator('.run-detail'), 'still running when the run ended');
      expect(requested.at(-1)!.pathname).toBe(`/workflow/v1/admin/runs/${FAILED_RUN.run_id}`);
      await screenshot(page, 'runs-trace');
    } finally {
      await page.unroute('**/workflow/v1/admin/runs**');
    }
  });

  it('fits a narrow window without sideways scrolling of the page', async () => {
    await page.setViewportSize({ width: 400, height: 800 });
    try {
      const pages = [
        ['apps', `#/apps`, `tr[data-alias="${tenant}"]`],
        ['flows', `#/flows?app=${tenant}&flow=${flowId}`, 'svg.graph'],
        ['playground', `#/playground?app=${tenant}&flow=${flowId}`, 'button:has-text("Run")'],
      ];
      for (const [name, hash, ready] of pages) {
        await timedVisit(page, `${base}${hash}`, ready, `${name} (narrow)`);
        const overflow = await page.evaluate(
          'document.documentElement.scrollWidth - document.documentElement.clientWidth',
        );
        expect({ name, overflow }).toEqual({ name, overflow: 0 });
        await screenshot(page, `${name}-narrow`);
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('rotates a secret and deletes an app, the bindings refusal said in words', async () => {
    await timedVisit(page, `${base}#/apps`, `tr[data-alias="${tenant}"]`, 'apps');
    await page.getByRole('button', { name: `Rotate secret of ${tenant}` }).click();
    const secret = (await page.locator('.secret-value').textContent()) ?? '';
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    await page.getByRole('button', { name: `Delete ${tenant}` }).click();
    await page.getByRole('button', { name: `Yes, delete ${tenant}` }).click();
    await expectText(page.getByRole('alert'), 'still allowed to run 1 flow(s)');
    await adminGet(`/apps/${tenant}`);
    await screenshot(page, 'apps-delete-refused');
    await page.getByRole('button', { name: `Delete ${tenant} and its bindings` }).click();
    await expectText(page.locator('.note.ok'), `Deleted ${tenant} and its 1 binding(s).`);
    await expect(page.locator(`tr[data-alias="${tenant}"]`).count()).resolves.toBe(0);
    const gone = await t.http().get(`/workflow/v1/admin/apps/${tenant}`).set(ADMIN_AUTH);
    expect(gone.body.code).toBe(20000);
  });

  it('says so when the admin API is off (no ADMIN_TOKEN)', async () => {
    const off = await createTestApp();
    const other = await context.newPage();
    try {
      await off.app.listen(0, '127.0.0.1');
      const { port } = off.app.getHttpServer().address() as AddressInfo;
      await other.goto(`http://127.0.0.1:${port}/console`);
      await other.getByLabel('Admin token').fill('anything');
      await other.getByRole('button', { name: 'Sign in' }).click();
      await expectText(other.getByRole('alert'), 'The admin API is switched off');
      await screenshot(other, 'sign-in-admin-off');
    } finally {
      await other.close();
      await off.close();
    }
  });
});

/** start(AGENT_USER_INPUT, doc: a pdf file) → end answering the file's URL */
function fileFlow(): Record<string, unknown> {
  const doc = { ...output('doc', 'string', true), fileType: 'file', allowedFileType: ['pdf'] };
  return protocol(
    [
      startNode('s', [output('AGENT_USER_INPUT', 'string', true), doc]),
      endNode('e', [input('doc', 'string', ref('node-start::s', 'doc'))], { outputMode: 0 }),
    ],
    [edge('node-start::s', 'node-end::e')],
  );
}

// Run records as docs/api.md ("Run records") shows them: a succeeded run and a failed one whose
// code node failed while its end node never finished.
const SUCCEEDED_RUN = {
  run_id: 'run-ok-1',
  sid: 'sid-ok',
  flow_id: '7000000000000000001',
  version: '',
  app_id: 'app-one',
  uid: '',
  chat_id: '',
  mode: 'release',
  status: 'succeeded',
  started_at: '2026-01-02T03:04:05.000Z',
  updated_at: '2026-01-02T03:04:06.000Z',
  finished_at: '2026-01-02T03:04:06.000Z',
  usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
  error: null,
};
const FAILED_RUN = {
  ...SUCCEEDED_RUN,
  run_id: 'run-failed-2',
  sid: 'sid-failed',
  flow_id: '7000000000000000002',
  mode: 'debug',
  status: 'failed',
  usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
  error: { code: 22302, message: 'Node execution failed(boom)' },
};
const FAILED_TRACE = [
  {
    node_id: 'ifly-code::c',
    node_type: 'ifly-code',
    alias_name: 'Code',
    inputs: { x: 1 },
    outputs: {},
    started_at: '2026-01-02T03:04:05.100Z',
    finished_at: '2026-01-02T03:04:05.300Z',
    duration_ms: 200,
    usage: null,
    error: { code: 22302, message: 'Node execution failed(boom)' },
  },
  {
    node_id: 'node-end::e',
    node_type: 'node-end',
    alias_name: 'End',
    inputs: {},
    outputs: {},
    started_at: '2026-01-02T03:04:05.300Z',
    finished_at: null,
    duration_ms: null,
    usage: null,
    error: null,
  },
];

/** The list answer for the page's query: the two runs filtered as the API would. */
function runPage(url: URL): Record<string, unknown> {
  const q = url.searchParams;
  const items = [FAILED_RUN, SUCCEEDED_RUN].filter(
    (run) =>
      (!q.get('status') || run.status === q.get('status')) &&
      (!q.get('flow_id') || run.flow_id === q.get('flow_id')),
  );
  return { items, total: items.length, page: 1, page_size: Number(q.get('page_size') ?? 20) };
}

/** Waits (up to 10 s) until the element's text contains `text`. */
async function expectText(
  locator: ReturnType<Page['locator']>,
  text: string | RegExp,
): Promise<void> {
  const deadline = Date.now() + 10_000;
  let seen = '';
  while (Date.now() < deadline) {
    seen = (await locator.first().textContent({ timeout: 10_000 })) ?? '';
    if (typeof text === 'string' ? seen.includes(text) : text.test(seen)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`expected ${JSON.stringify(String(text))} in ${JSON.stringify(seen)}`);
}

async function frameCount(page: Page): Promise<number> {
  const text = (await page.locator('.frames').textContent()) ?? '';
  return Number(/(\d+) frame/.exec(text)?.[1] ?? 0);
}
