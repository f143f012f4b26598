import { Module } from '@nestjs/common';
import { FlowChangesModule } from '../../flow/flow-changes.module';
import { VersioningModule } from '../../versioning/versioning.module';
import { AppsModule } from '../apps.module';
import { AdminAppLifecycleController } from './admin-app-lifecycle.controller';
import { AdminFlowsController } from './admin-flows.controller';
import { AdminFlowsService } from './admin-flows.service';
import { AdminQueries } from './admin-queries';
import { AdminTokenGuard } from './admin-token.guard';
import { AppLifecycleService } from './app-lifecycle.service';

/**
 * The operators' admin routes over flows, bindings and app lifecycle. A module of its own
 * because it needs the published-flow cache, whose module imports AppsModule (no cycle).
 */
@Module({
  imports: [AppsModule, FlowChangesModule, VersioningModule],
  controllers: [AdminFlowsController, AdminAppLifecycleController],
  providers: [AdminTokenGuard, AdminQueries, AdminFlowsService, AppLifecycleService],
})
export class AdminOperationsModule {}
