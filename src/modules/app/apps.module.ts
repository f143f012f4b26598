import { Module } from '@nestjs/common';
import { AdminAppsController } from './admin/admin-apps.controller';
import { AdminTokenGuard } from './admin/admin-token.guard';
import { AppAdminService } from './admin/app-admin.service';
import { AppResolverService } from './app-resolver.service';
import { ManagementPlatformClient } from './remote/management-platform.client';

/**
 * Apps, tenants and licences: resolution of an alias id (docs/api.md#app-resolution), licence rows and the admin API.
 * Imported by several feature modules; Nest keeps one instance, so its controller mounts once.
 */
@Module({
  controllers: [AdminAppsController],
  providers: [AdminTokenGuard, AppAdminService, ManagementPlatformClient, AppResolverService],
  exports: [AppResolverService],
})
export class AppsModule {}
