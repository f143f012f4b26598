import { Module } from '@nestjs/common';
import { AppResolverService } from './app-resolver.service';
import { AppSourceRepository } from './app-source.repository';
import { AppRepository } from './app.repository';
import { LicenseRepository } from './license.repository';
import { ManagementPlatformClient } from './remote/management-platform.client';

/** Apps, tenants and licences: resolution of an alias id (§7.2) and licence rows. */
@Module({
  providers: [
    AppRepository,
    AppSourceRepository,
    LicenseRepository,
    ManagementPlatformClient,
    AppResolverService,
  ],
  exports: [AppResolverService, AppRepository, LicenseRepository],
})
export class AppsModule {}
