import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database/transactions';
import { AppException } from '../../core/errors/app.exception';
import { ErrorCode } from '../../core/errors/error-code';
import { AppResolverService } from '../app/app-resolver.service';
import { LicenseRepository } from '../../database/repositories/license.repository';
import { FlowRepository } from '../../database/repositories/flow.repository';
import { isUnpublished } from '../versioning/release-status';
import { AuthDto } from './dto/auth.dto';

/**
 * Binds an app to a flow group for a tenant (docs/api.md#bind): creates the licence, enabled.
 * An existing licence is left unchanged, so a disabled binding stays disabled.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly transactions: Transactions,
    private readonly apps: AppResolverService,
    private readonly flows: FlowRepository,
    private readonly licenses: LicenseRepository,
  ) {}

  async bind(tenantAlias: string, dto: AuthDto): Promise<void> {
    const tenant = await this.apps.resolve(tenantAlias);
    if (!tenant.isTenant) {
      throw new AppException(
        ErrorCode.APP_TENANT_NOT_FOUND_ERROR,
        `${tenantAlias} is not a tenant`,
      );
    }
    const app = await this.apps.resolve(dto.app_id);
    await this.transactions.run(async (manager) => {
      const flow = await this.flows.findById(dto.flow_id, manager);
      if (!flow) throw new AppException(ErrorCode.FLOW_NOT_FOUND_ERROR);
      if (isUnpublished(flow.releaseStatus))
        throw new AppException(ErrorCode.FLOW_NOT_PUBLISH_ERROR);
      await this.licenses.ensureExists(app.id, flow.groupId, manager);
    });
  }
}
