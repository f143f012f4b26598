import { Module } from '@nestjs/common';
import { AppResolverService } from './app-resolver.service';
import { ManagementPlatformClient } from './remote/management-platform.client';

/**
 * Apps and tenants: resolution of an alias id (docs/api.md#app-resolution), locally or through
 * the management platform. Imported by several feature modules; the admin API lives in
 * src/modules/admin.
 */
@Module({
  providers: [ManagementPlatformClient, AppResolverService],
  exports: [AppResolverService],
})
export class AppsModule {}
