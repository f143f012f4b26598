import { FlowEntity, LicenseEntity } from '../src/database/entities';
import { FlowRepository } from '../src/database/repositories/flow.repository';
import { PublishedFlowService } from '../src/modules/versioning/published-flow.service';
import { ADMIN_TOKEN, createAppViaAdmin, dataSource, seedFlow } from './helpers/app-fixtures';
import { createTestApp, TestApp } from './helpers/test-app';

// Versions and the published-flow lookup (docs/api.md#versions, docs/api.md#published-flow-lookup): flows are versioned and
// published through HTTP (/v1/publish, /v1/auth); the lookup is the service the chat and
// get_flow_info routes call.
describe('versions and the published-flow lookup', () => {
  let t: TestApp;
  let lookup: PublishedFlowService;
  let tenantAlias: string;

  beforeAll(async () => {
    t = await createTestApp({ ADMIN_TOKEN });
    lookup = t.app.get(PublishedFlowService);
    const tenant = await createAppViaAdmin(t, { is_tenant: 1, source: 1, plat_release_auth: 7 });
    tenantAlias = tenant.alias_id;
  });

  afterAll(async () => {
    await t.close();
  });

  async function publish(body: Record<string, unknown>) {
    const res = await t
      .http()
      .post('/v1/publish')
      .set('X-Consumer-Username', tenantAlias)
      .send(body)
      .expect(200);
    expect(res.body.code).toBe(0);
  }

  /** A flow with a licensed app; returns the working row and the app alias. */
  async function licensedFlow(values: Partial<FlowEntity> = {}) {
    const app = await createAppViaAdmin(t);
    const flow = await seedFlow(t, { releaseStatus: 1, ...values });
    const res = await t
      .http()
      .post('/v1/auth')
      .set('X-Consumer-Username', tenantAlias)
      .send({ flow_id: flow.id, app_id: app.alias_id })
      .expect(200);
    expect(res.body.code).toBe(0);
    return { flow, alias: app.alias_id as string, appId: app.id as string };
  }

  async function codeOf(call: Promise<unknown>): Promise<{ code: number; message: string }> {
    try {
      await call;
    } catch (error) {
      const { code, message } = error as { code: number; message: string };
      return { code, message };
    }
    throw new Error('the lookup did not fail');
  }

  it('serves the working row when it is the only published one', async () => {
    const { flow, alias } = await licensedFlow();
    await publish({ flow_id: flow.id, release_status: 1, plat: 1 });
    const row = await lookup.findPublished(flow.id, alias);
    expect(row).toMatchObject({ id: flow.id, version: '-1', releaseStatus: 1 });
  });

  it('picks the highest version (major, then minor) and a named version on request', async () => {
    const { flow, alias } = await licensedFlow();
    for (const version of ['v1.2', 'v1.10', 'v1.9']) {
      await publish({ flow_id: flow.id, release_status: 1, version, data: protocol(version) });
    }
    const latest = await lookup.findPublished(flow.id, alias);
    expect(latest.version).toBe('v1.10');
    expect(latest.releaseData).toEqual(protocol('v1.10'));
    await publish({ flow_id: flow.id, release_status: 1, version: 'v2.0', data: protocol('v2.0') });
    // publishing invalidated the cached lookup
    expect((await lookup.findPublished(flow.id, alias)).version).toBe('v2.0');
    const named = await lookup.findPublished(flow.id, alias, 'v1.9');
    expect(named).toMatchObject({ version: 'v1.9', releaseData: protocol('v1.9') });
    // the lookup works through any row of the group
    expect((await lookup.findPublished(named.id, alias)).version).toBe('v2.0');
    expect(await codeOf(lookup.findPublished(flow.id, alias, 'v7.0'))).toEqual({
      code: 20204,
      message: 'Workflow not published',
    });
  });

  it('20201 for an unknown or non-numeric flow id', async () => {
    const { alias } = await licensedFlow();
    expect(await codeOf(lookup.findPublished('7381234567890123456', alias))).toEqual({
      code: 20201,
      message: 'Flow ID not found',
    });
    expect(await codeOf(lookup.findPublished('12ab', alias))).toEqual({
      code: 20201,
      message: 'Flow ID not found(flow_id is not a numeric id)',
    });
  });

  it('20004 without a licence, 20005 with a disabled one', async () => {
    const { flow, appId, alias } = await licensedFlow();
    const stranger = await createAppViaAdmin(t);
    expect(await codeOf(lookup.findPublished(flow.id, stranger.alias_id))).toEqual({
      code: 20004,
      message: 'Application not bound to workflow',
    });
    await dataSource(t).getRepository(LicenseEntity).update({ appId }, { status: 0 });
    expect(await codeOf(lookup.findPublished(flow.id, alias))).toEqual({
      code: 20005,
      message: 'Appid is prohibited from using this workflow',
    });
  });

  it.each([
    ['published on AIUI only', 32],
    ['published as API only', 8],
    ['taken down on Xingchen', 2],
  ])('20204 when the group is %s', async (_name, releaseStatus) => {
    const { flow, alias } = await licensedFlow();
    await dataSource(t).getRepository(FlowEntity).update({ id: flow.id }, { releaseStatus });
    expect((await codeOf(lookup.findPublished(flow.id, alias))).code).toBe(20204);
  });

  it('keys the cache with the app: a cached row never skips the licence check (docs/decisions.md#q8)', async () => {
    const { flow, alias } = await licensedFlow();
    await lookup.findPublished(flow.id, alias);
    const stranger = await createAppViaAdmin(t);
    expect((await codeOf(lookup.findPublished(flow.id, stranger.alias_id))).code).toBe(20004);
  });

  it('hands out copies: a caller changing its row does not change the cached one', async () => {
    const { flow, alias } = await licensedFlow();
    const first = await lookup.findPublished(flow.id, alias);
    (first.releaseData as Record<string, unknown>).tampered = true;
    first.name = 'changed by a caller';
    const second = await lookup.findPublished(flow.id, alias);
    expect(second.name).toBe(flow.name);
    expect(second.releaseData).not.toHaveProperty('tampered');
    second.name = 'changed after a cache hit';
    expect((await lookup.findPublished(flow.id, alias)).name).toBe(flow.name);
  });

  it('shares the cached protocols frozen: a deeper edit throws and changes nothing', async () => {
    const { flow, alias } = await licensedFlow({ releaseData: protocol('frozen') });
    const first = await lookup.findPublished(flow.id, alias);
    const expected = structuredClone(first.releaseData);
    const data = (first.releaseData as { data: { nodes: Record<string, unknown>[] } }).data;
    expect(() => {
      data.nodes[0].id = 'tampered';
    }).toThrow(/read only/);
    expect(() => data.nodes.push({ id: 'extra' })).toThrow(/not extensible/);
    expect((await lookup.findPublished(flow.id, alias)).releaseData).toEqual(expected);
  });

  it('caches a lookup until publish or the invalidation hooks drop it', async () => {
    const { flow, alias } = await licensedFlow();
    const first = await lookup.findPublished(flow.id, alias);
    // a change behind the service's back is not seen while cached
    await t.app.get(FlowRepository).update(flow.id, { name: 'renamed' });
    expect((await lookup.findPublished(flow.id, alias)).name).toBe(first.name);
    lookup.invalidateFlow(flow.id);
    expect((await lookup.findPublished(flow.id, alias)).name).toBe('renamed');

    await t.app.get(FlowRepository).update(flow.id, { name: 'again' });
    lookup.invalidateGroup(flow.groupId);
    expect((await lookup.findPublished(flow.id, alias)).name).toBe('again');

    // taking the flow down through the route drops the cached row at once
    await publish({ flow_id: flow.id, release_status: 3, plat: 1 });
    expect((await codeOf(lookup.findPublished(flow.id, alias))).code).toBe(20204);
  });
});

function protocol(label: string) {
  return {
    id: 'p',
    name: `protocol ${label}`,
    version: 'v3.0',
    data: { nodes: [{ id: 'node-start::1' }, { id: 'node-end::1' }], edges: [] },
  };
}
