import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ADMIN_AUTH, ADMIN_TOKEN } from './helpers/app-fixtures';
import { launchChromium, screenshot, timedVisit } from './helpers/console-browser';
import { createTestApp, TestApp, uniqueAlias } from './helpers/test-app';
import { addFlow, edge, endNode, input, output, protocol, ref, startNode } from './chat.helpers';
import { samples } from './fixtures/upload-samples';
import { OpenAiFixture } from './fixtures/openai-fixture';
import {
  END,
  llmNode,
  oneOptionQuestionFlow,
  openaiModel,
  promptEnd,
  START,
  start,
} from './llm/llm-flows';

// The admin console (docs/console.md) in Chromium against the real service on a free port: an
// operator signs in, creates a tenant, sees a flow added through the API drawn as a graph,
// publishes and binds it, runs it in the playground with a question answered inline, finds
// those runs and a failed one on the Runs page (run records, docs/api.md#run-records), and
// manages the app (secret, delete). Each step drives the page and checks the service's state
// over HTTP.

describe('admin console in the browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const tenant = uniqueAlias('ten');
  let flowId: string;
  // the model server of the run that fails at a node
  const openai = new OpenAiFixture();

  beforeAll(async () => {
    await openai.start();
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
    await openai.close();
  });

  const adminGet = (path: string) =>
    t.http().get(`/workflow/v1/admin${path}`).set(ADMIN_AUTH).expect(200);

  /** Run records are written in batches (about every 200 ms): waits until `count` match. */
  const recordedRuns = async (
    query: Record<string, string>,
    count: number,
  ): Promise<RunRecord[]> => {
    let total = 0;
    for (let i = 0; i < 100; i += 1) {
      const res = await t.http().get('/workflow/v1/admin/runs').query(query).set(ADMIN_AUTH);
      total = res.body.data.total;
      if (total === count) return res.body.data.items;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`expected ${count} recorded run(s) for ${JSON.stringify(query)}, saw ${total}`);
  };

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

  it('finds a failed run and an answered one on the Runs page, with their node traces', async () => {
    // a run failing at its model node (the fixture answers HTTP 500), started in the playground
    openai.script.add({ match: 'boom', httpStatus: 500, errorBody: { error: 'down' } });
    const failingFlowId = await addFlow(t, tenant, failingLlmFlow(openai.chatUrl));
    const playground = `${base}#/playground?app=${tenant}&flow=${failingFlowId}`;
    await timedVisit(page, playground, 'button:has-text("Run")', 'playground (failing)');
    await page.getByLabel(/^AGENT_USER_INPUT/).fill('boom');
    await page.getByLabel(/Debug \(draft/).check();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expectText(page.getByRole('alert'), 'Run failed:');
    const shownCode = Number(/\(code (\d+)\)/.exec(await alertText(page))?.[1]);
    // by status: a run's start and its end may be written in different batches
    const [failed] = await recordedRuns(
      { app_id: tenant, flow_id: failingFlowId, status: 'failed' },
      1,
    );
    expect(failed).toMatchObject({ mode: 'debug', error: { code: shownCode } });

    // filtered in the form: the one failed run, highlighted
    await timedVisit(page, `${base}#/runs`, 'table.runs', 'runs');
    await page.getByLabel('App alias').fill(tenant);
    await page.getByLabel('Flow id').fill(failingFlowId);
    await page.getByLabel('Status').selectOption('failed');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expectText(page.locator('table.runs caption'), /^1 run\(s\)/);
    const row = page.locator(`tr[data-run-id="${failed.run_id}"]`);
    expect(await row.getAttribute('class')).toBe('failed');
    await expectText(row.locator('.error-code'), String(shownCode));

    // its trace: the model node failed with the run's code, highlighted; the end never ended
    await row.getByRole('link').click();
    const trace = page.getByRole('list', { name: 'Node trace' });
    await trace.waitFor();
    expect(await nodeIdsIn(trace)).toEqual([START, LLM, END]);
    const failedNode = trace.locator('li.failed');
    expect(await failedNode.count()).toBe(1);
    expect(await failedNode.getAttribute('data-node-id')).toBe(LLM);
    await expectText(failedNode.locator('.error-code'), String(shownCode));
    // its one retry (the fixture failed both attempts)
    await expectText(failedNode, '· 1 retry');
    expect(
      await failedNode
        .locator('.error-code')
        .evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).fontWeight),
    ).toBe('700');
    await expectText(
      trace.locator(`li[data-node-id="${END}"]`),
      'still running when the run ended',
    );
    await expectText(page.locator('.run-detail p.failed'), `error ${shownCode}`);
    await screenshot(page, 'runs-failed-trace');

    // the question flow's playground runs, paused and answered: succeeded, by link (bookmarkable)
    const answered = await recordedRuns(
      { app_id: tenant, flow_id: flowId, status: 'succeeded' },
      2,
    );
    expect(answered.map((run) => run.mode).sort()).toEqual(['debug', 'release']);
    const list = `${base}#/runs?app_id=${tenant}&flow_id=${flowId}&status=succeeded`;
    await timedVisit(page, list, 'table.runs', 'runs (answered)');
    await expectText(page.locator('table.runs caption'), /^2 run\(s\)/);
    const debugRun = answered.find((run) => run.mode === 'debug')!;
    await page.locator(`tr[data-run-id="${debugRun.run_id}"]`).getByRole('link').click();
    const answeredTrace = page.getByRole('list', { name: 'Node trace' });
    await answeredTrace.waitFor();
    const recorded = await adminGet(`/runs/${debugRun.run_id}`);
    const recordedIds = recorded.body.data.nodes.map((n: { node_id: string }) => n.node_id);
    expect(recordedIds).toEqual([START, QUESTION, 'message::m', END]);
    expect(await nodeIdsIn(answeredTrace)).toEqual(recordedIds);
    expect(await answeredTrace.locator('li.failed').count()).toBe(0);
    await expectText(answeredTrace.locator(`li[data-node-id="${QUESTION}"]`), 'question-answer');
    await screenshot(page, 'runs-answered-trace');
  });

  it('fits a narrow window without sideways scrolling of the page', async () => {
    await page.setViewportSize({ width: 400, height: 800 });
    try {
      const pages = [
        ['apps', `#/apps`, `tr[data-alias="${tenant}"]`],
        ['flows', `#/flows?app=${tenant}&flow=${flowId}`, 'svg.graph'],
        ['playground', `#/playground?app=${tenant}&flow=${flowId}`, 'button:has-text("Run")'],
        ['runs', `#/runs?app_id=${tenant}`, 'table.runs'],
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

const LLM = 'spark-llm::l';
const QUESTION = 'question-answer::q';

/**
 * start → an LLM node on the OpenAI-compatible fixture at `url`, retried once on failure → end
 * answering its output
 */
function failingLlmFlow(url: string): Record<string, unknown> {
  const retryOnce = { shouldRetry: true, maxRetries: 1, errorStrategy: 0, timeout: 30 };
  const llm = llmNode('l', openaiModel(url), {}, undefined, undefined, retryOnce);
  return protocol(
    [start(), llm, promptEnd('{{o}}', { o: [LLM, 'output'] })],
    [edge(START, LLM), edge(LLM, END)],
  );
}

interface RunRecord {
  run_id: string;
  mode: string;
  status: string;
  error: { code: number; message: string } | null;
}

async function nodeIdsIn(trace: ReturnType<Page['locator']>): Promise<string[]> {
  return trace
    .locator('li')
    .evaluateAll((items) => items.map((li) => li.getAttribute('data-node-id') ?? ''));
}

async function alertText(page: Page): Promise<string> {
  return (await page.getByRole('alert').first().textContent()) ?? '';
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
