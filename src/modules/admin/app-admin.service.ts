import { Injectable } from '@nestjs/common';
import { isQueryFailure } from '../../database/query-failure';
import { AppException } from '../../core/errors/app.exception';
import { ErrorCode } from '../../core/errors/error-code';
import { AppResolverService } from '../app/app-resolver.service';
import { AppPatch, AppRepository } from '../../database/repositories/app.repository';
import { APP_ALIAS_TAKEN } from './admin-errors';
import { AppListResponseDto, AppResponseDto, toAppResponse } from './dto/app-response.dto';
import { CreateAppDto } from './dto/create-app.dto';
import { ListAppsQuery } from './dto/list-apps.query';
import { UpdateAppDto } from './dto/update-app.dto';

/** Registering and maintaining apps and tenants (admin API and the `app:create` CLI). */
@Injectable()
export class AppAdminService {
  constructor(
    private readonly apps: AppRepository,
    private readonly resolver: AppResolverService,
  ) {}

  async create(dto: CreateAppDto): Promise<AppResponseDto> {
    if (await this.apps.findByAlias(dto.alias_id)) throw aliasTaken(dto.alias_id);
    const source = dto.source ?? 0;
    try {
      const app = await this.apps.insert({
        aliasId: dto.alias_id,
        name: dto.name,
        ...toPatch(dto),
        source,
        actualSource: dto.actual_source ?? source,
      });
      return toAppResponse(app);
    } catch (error) {
      // a concurrent create of the same alias lost the race on the unique key
      if (isQueryFailure(error) && (await this.apps.findByAlias(dto.alias_id))) {
        throw aliasTaken(dto.alias_id);
      }
      throw error;
    }
  }

  async list(query: ListAppsQuery): Promise<AppListResponseDto> {
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 50;
    const { items, total } = await this.apps.list(offset, limit);
    return { items: items.map(toAppResponse), total, offset, limit };
  }

  async get(aliasId: string): Promise<AppResponseDto> {
    const app = await this.apps.findByAlias(aliasId);
    if (!app) throw notFound(aliasId);
    return toAppResponse(app);
  }

  async update(aliasId: string, dto: UpdateAppDto): Promise<AppResponseDto> {
    const patch = toPatch(dto);
    const found = Object.keys(patch).length
      ? await this.apps.updateByAlias(aliasId, patch)
      : (await this.apps.findByAlias(aliasId)) !== null;
    if (!found) throw notFound(aliasId);
    this.resolver.forget(aliasId); // the next request sees the change at once
    return this.get(aliasId);
  }
}

/** DTO (column names) → entity columns; `null` means "not given" except for `description`. */
function toPatch(dto: UpdateAppDto): AppPatch {
  const patch: AppPatch = {};
  if (dto.name != null) patch.name = dto.name;
  if (dto.description !== undefined) patch.description = dto.description;
  if (dto.is_tenant != null) patch.isTenant = dto.is_tenant;
  if (dto.source != null) patch.source = dto.source;
  if (dto.actual_source != null) patch.actualSource = dto.actual_source;
  if (dto.plat_release_auth != null) patch.platReleaseAuth = dto.plat_release_auth;
  if (dto.api_key != null) patch.apiKey = dto.api_key;
  if (dto.api_secret != null) patch.apiSecret = dto.api_secret;
  if (dto.audit_policy != null) patch.auditPolicy = dto.audit_policy;
  return patch;
}

function aliasTaken(aliasId: string): AppException {
  return new AppException(APP_ALIAS_TAKEN, `alias_id ${aliasId}`).withHttpStatus(409);
}

function notFound(aliasId: string): AppException {
  return new AppException(ErrorCode.APP_NOT_FOUND_ERROR, `alias_id ${aliasId}`);
}
