import { Global, Module } from '@nestjs/common';
import { AppsModule } from '../app/apps.module';
import { FlowAccessGuard } from './flow-access.guard';
import { FlowAccessService } from './flow-access.service';
import { SignatureVerifier } from './signature/signature-verifier';

/**
 * Who may touch which flow (TENANCY) and who is calling (AUTH_MODE). Global: the guard is used
 * by the layout, publish/auth, debug and resume controllers.
 */
@Global()
@Module({
  imports: [AppsModule],
  providers: [FlowAccessService, FlowAccessGuard, SignatureVerifier],
  exports: [FlowAccessService, FlowAccessGuard, SignatureVerifier],
})
export class TenancyModule {}
