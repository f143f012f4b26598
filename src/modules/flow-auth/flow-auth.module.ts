import { Module } from '@nestjs/common';
import { AppsModule } from '../app/apps.module';
import { FlowChangesModule } from '../flow/flow-changes.module';
import { VersioningModule } from '../versioning/versioning.module';
import { AuthService } from './auth.service';
import { FlowAuthController } from './flow-auth.controller';
import { PublishService } from './publish.service';

/** Publish / take down flows for tenants and bind apps to flow groups (docs/api.md#publish, docs/api.md#bind). */
@Module({
  imports: [AppsModule, FlowChangesModule, VersioningModule],
  controllers: [FlowAuthController],
  providers: [PublishService, AuthService],
})
export class FlowAuthModule {}
