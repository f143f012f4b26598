import { DataSource } from 'typeorm';
import { newSnowflakeId } from '../../src/core/ids/snowflake';
import { AppEntity, AppSourceEntity, FlowEntity, LicenseEntity } from '../../src/database/entities';
import { FlowRepository, NewFlow } from '../../src/database/repositories/flow.repository';
import { TestApp, uniqueAlias } from './test-app';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';
export const ADMIN_AUTH = { Authorization: `Bearer ${ADMIN_TOKEN}` };

/** Registers an app through the admin API (the app under test must have ADMIN_TOKEN set). */
export async function createAppViaAdmin(
  t: TestApp,
  body: Record<string, unknown> = {},
): Promise<Record<string, any>> {
  const res = await t
    .http()
    .post('/workflow/v1/admin/apps')
    .set(ADMIN_AUTH)
    .send({ alias_id: uniqueAlias(), name: 'test app', ...body })
    .expect(200);
  if (res.body.code !== 0) throw new Error(`app creation failed: ${JSON.stringify(res.body)}`);
  return res.body.data;
}

/** A flow row inserted directly (the layout routes are another module's concern). */
export async function seedFlow(t: TestApp, values: Partial<NewFlow> = {}): Promise<FlowEntity> {
  const groupId = values.groupId ?? newSnowflakeId();
  return t.app.get(FlowRepository, { strict: false }).insert({
    name: 'seeded flow',
    data: { id: 'p', name: 'seeded', data: { nodes: [{ id: 'a' }, { id: 'b' }], edges: [] } },
    releaseData: {},
    version: '-1',
    appId: '',
    source: 1,
    ...values,
    groupId,
  });
}

export function dataSource(t: TestApp): DataSource {
  return t.app.get(DataSource);
}

export async function groupRows(t: TestApp, groupId: string): Promise<FlowEntity[]> {
  return dataSource(t)
    .getRepository(FlowEntity)
    .find({ where: { groupId }, order: { id: 'ASC' } });
}

export async function licensesOf(t: TestApp, appId: string): Promise<LicenseEntity[]> {
  return dataSource(t)
    .getRepository(LicenseEntity)
    .find({ where: { appId }, order: { id: 'ASC' } });
}

export async function appRow(t: TestApp, aliasId: string): Promise<AppEntity | null> {
  return dataSource(t).getRepository(AppEntity).findOneBy({ aliasId });
}

/** An app_source row mapping a platform source id to a platform value. */
export async function seedAppSource(t: TestApp, sourceId: string, source: number): Promise<void> {
  const now = new Date();
  await dataSource(t).getRepository(AppSourceEntity).insert({
    id: newSnowflakeId(),
    sourceId,
    source,
    description: 'test',
    createAt: now,
    updateAt: now,
  });
}
