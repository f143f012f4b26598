import { Injectable } from '@nestjs/common';
import { isQueryFailure } from '../../database/query-failure';
import { TtlCache } from '../../core/cache/ttl-cache';
import { AppConfig } from '../../core/config/app-config';
import { AppException } from '../../core/errors/app.exception';
import { ErrorCode } from '../../core/errors/error-code';
import { AppEntity } from '../../database/entities';
import { AppSourceRepository } from '../../database/repositories/app-source.repository';
import { AppRepository } from '../../database/repositories/app.repository';
import { ManagementPlatformClient, RemoteAppDetails } from './remote/management-platform.client';

/**
 * "Get app info" (docs/api.md#app-resolution): cache (TTL REDIS_EXPIRE) → `app` table by alias →
 * management platform, which creates the app row. Failures: 20001 (platform unreachable,
 * refusing or incomplete), 20002 (source unknown).
 */
@Injectable()
export class AppResolverService {
  private readonly cache: TtlCache<AppEntity>;

  constructor(
    config: AppConfig,
    private readonly apps: AppRepository,
    private readonly sources: AppSourceRepository,
    private readonly platform: ManagementPlatformClient,
  ) {
    this.cache = new TtlCache(config.cacheTtlSec * 1000);
  }

  async resolve(aliasId: string): Promise<AppEntity> {
    const cached = this.cache.get(aliasId);
    // callers get their own copy, so nothing they change leaks into the cache
    if (cached) return structuredClone(cached);
    const app = (await this.apps.findByAlias(aliasId)) ?? (await this.fetchRemote(aliasId));
    this.cache.set(aliasId, structuredClone(app));
    return app;
  }

  /** Drops the cached app (the admin API calls this after an update). */
  forget(aliasId: string): void {
    this.cache.delete(aliasId);
  }

  private async fetchRemote(aliasId: string): Promise<AppEntity> {
    const [listed] = await this.platform.appList(aliasId);
    const sourceId = listed?.source;
    if (sourceId === undefined || sourceId === null || sourceId === '') {
      throw new AppException(ErrorCode.APP_TENANT_NOT_FOUND_ERROR, 'source_id not found');
    }
    const source = await this.sources.findBySourceId(String(sourceId));
    if (!source)
      throw new AppException(ErrorCode.APP_TENANT_NOT_FOUND_ERROR, 'app_source not found');
    const details = firstDetails(await this.platform.appDetails(aliasId));
    try {
      return await this.apps.insert({
        aliasId,
        name: text(details.name).slice(0, 30),
        description: text(details.desc).slice(0, 255),
        apiKey: details.apiKey,
        apiSecret: details.apiSecret,
        source: source.source,
        actualSource: source.source,
      });
    } catch (error) {
      // another request resolved the same alias at the same moment: use its row
      const existing = isQueryFailure(error) && (await this.apps.findByAlias(aliasId));
      if (existing) return existing;
      throw error;
    }
  }
}

function firstDetails(data: RemoteAppDetails[]) {
  const details = data[0];
  if (!details || typeof details !== 'object') {
    throw new AppException(ErrorCode.APP_GET_WITH_REMOTE_FAILED_ERROR, 'app details are empty');
  }
  const auth = Array.isArray(details.auth_list) ? details.auth_list[0] : undefined;
  const apiKey = auth?.api_key;
  const apiSecret = auth?.api_secret;
  if (typeof apiKey !== 'string' || !apiKey || typeof apiSecret !== 'string' || !apiSecret) {
    throw new AppException(
      ErrorCode.APP_GET_WITH_REMOTE_FAILED_ERROR,
      'app details carry no api_key/api_secret',
    );
  }
  if (apiKey.length > 50 || apiSecret.length > 50) {
    throw new AppException(
      ErrorCode.APP_GET_WITH_REMOTE_FAILED_ERROR,
      'app details api_key/api_secret longer than 50 characters',
    );
  }
  return { name: details.name, desc: details.desc, apiKey, apiSecret };
}

function text(value: unknown): string {
  return typeof value === 'string'
    ? value
    : value === undefined || value === null
      ? ''
      : String(value);
}
