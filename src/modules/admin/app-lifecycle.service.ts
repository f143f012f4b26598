import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AppException } from '../../core/errors/app.exception';
import { ErrorCode } from '../../core/errors/error-code';
import { AppEntity } from '../../database/entities';
import { PublishedFlowService } from '../versioning/published-flow.service';
import { AppResolverService } from '../app/app-resolver.service';
import { AppRepository } from '../../database/repositories/app.repository';
import { AdminQueries } from './admin-queries';
import { toBinding } from './admin-views';
import { DeletedAppDto, RotatedSecretDto } from './dto/app-lifecycle.dto';
import { BindingListDto } from './dto/binding.dto';

/**
 * An app's bindings, its removal and the rotation of its secret. Both changes drop what this
 * instance caches about the app at once (other instances keep it until REDIS_EXPIRE).
 */
@Injectable()
export class AppLifecycleService {
  constructor(
    private readonly apps: AppRepository,
    private readonly queries: AdminQueries,
    private readonly resolver: AppResolverService,
    private readonly published: PublishedFlowService,
  ) {}

  async bindings(aliasId: string): Promise<BindingListDto> {
    const bindings = await this.queries.bindingsOfApp(await this.app(aliasId));
    return { items: bindings.map(toBinding), total: bindings.length };
  }

  /** 20012 while the app holds bindings, unless `force` deletes them with it. */
  async delete(aliasId: string, force: boolean): Promise<DeletedAppDto> {
    const app = await this.app(aliasId);
    const groups = await this.queries.deleteApp(
      app,
      force,
      (count) =>
        new AppException(
          ErrorCode.APP_HAS_BINDINGS_ERROR,
          `alias_id ${aliasId} has ${count} binding(s); delete them first or pass force=true`,
        ),
    );
    if (!groups) throw notFound(aliasId);
    this.resolver.forget(aliasId);
    // published lookups passed this app's licence check; they must not outlive the licences
    for (const groupId of groups) this.published.invalidateGroup(groupId);
    return { alias_id: aliasId, id: app.id, bindings_deleted: groups.length };
  }

  /** A new random api_secret (the api_key stays: it names the app). */
  async rotateSecret(aliasId: string): Promise<RotatedSecretDto> {
    const secret = newSecret();
    if (!(await this.apps.updateByAlias(aliasId, { apiSecret: secret }))) throw notFound(aliasId);
    // runs inject the app's credentials from the resolver's cache: the old secret goes now
    this.resolver.forget(aliasId);
    const app = await this.app(aliasId);
    return { alias_id: aliasId, api_key: app.apiKey, api_secret: secret };
  }

  private async app(aliasId: string): Promise<AppEntity> {
    const app = await this.apps.findByAlias(aliasId);
    if (!app) throw notFound(aliasId);
    return app;
  }
}

/** 192 random bits as 32 URL-safe characters (the column holds 50). */
function newSecret(): string {
  return randomBytes(24).toString('base64url');
}

function notFound(aliasId: string): AppException {
  return new AppException(ErrorCode.APP_NOT_FOUND_ERROR, `alias_id ${aliasId}`);
}
