import { Module } from '@nestjs/common';
import { AppsModule } from '../app/apps.module';
import { FlowChangesModule } from '../flow/flow-changes.module';
import { VersioningModule } from '../versioning/versioning.module';
import { AdminAppLifecycleController } from './admin-app-lifecycle.controller';
import { AdminAppsController } from './admin-apps.controller';
import { AdminFlowsController } from './admin-flows.controller';
import { AdminFlowsService } from './admin-flows.service';
import { AdminQueries } from './admin-queries';
import { AdminRunsController } from './admin-runs.controller';
import { AdminRunsService } from './admin-runs.service';
import { AdminTokenGuard } from './admin-token.guard';
import { AppAdminService } from './app-admin.service';
import { AppLifecycleService } from './app-lifecycle.service';

/**
 * The operators' admin API under bearer ADMIN_TOKEN (docs/api.md#admin-api): apps, their
 * lifecycle, flows, versions and bindings, run records. A door on top: it uses apps, versioning and flow
 * changes; nothing imports it.
 */
@Module({
  imports: [AppsModule, FlowChangesModule, VersioningModule],
  controllers: [
    AdminAppsController,
    AdminFlowsController,
    AdminAppLifecycleController,
    AdminRunsController,
  ],
  providers: [
    AdminTokenGuard,
    AppAdminService,
    AdminQueries,
    AdminFlowsService,
    AppLifecycleService,
    AdminRunsService,
  ],
})
export class AdminModule {}
