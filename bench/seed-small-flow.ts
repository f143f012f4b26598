import type { INestApplicationContext } from '@nestjs/common';
import { newSnowflakeId } from '../src/core/ids/snowflake';
import { AppRepository } from '../src/database/repositories/app.repository';
import { FlowRepository } from '../src/database/repositories/flow.repository';
import { LicenseRepository } from '../src/database/repositories/license.repository';
import { smallFlow } from './flows';

/**
 * For benchmarks that build the application in process: the caller app `alias`, the small flow
 * (`smallFlow`) released and bound to it, straight through the repositories. Returns the flow id.
 */
export async function seedSmallFlow(app: INestApplicationContext, alias: string): Promise<string> {
  const groupId = newSnowflakeId();
  const caller = await app.get(AppRepository).insert({ aliasId: alias, name: 'bench' });
  const flow = await app.get(FlowRepository).insert({
    name: 'small',
    groupId,
    data: smallFlow(),
    releaseData: smallFlow(),
    releaseStatus: 1,
    version: 'v1.0',
    appId: alias,
  });
  await app.get(LicenseRepository).ensureExists(caller.id, groupId);
  return flow.id;
}
