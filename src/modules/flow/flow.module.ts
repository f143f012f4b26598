import { Module } from '@nestjs/common';
import { FlowChangesModule } from './flow-changes.module';
import { AppsModule } from '../app/apps.module';
import { VersioningModule } from '../versioning/versioning.module';
import { FlowCompareController } from './flow-compare.controller';
import { FlowCompareService } from './flow-compare.service';
import { FlowInfoController } from './flow-info.controller';
import { FlowInfoService } from './flow-info.service';
import { ProtocolService } from './protocol.service';
import { ProtocolBuildController } from './protocol-build.controller';
import { ProtocolValidator } from './protocol-validator.service';
import { ProtocolController } from './protocol.controller';

/** The protocol routes: flow storage under /workflow/v1 and /sparkflow/v1. */
@Module({
  imports: [FlowChangesModule, AppsModule, VersioningModule],
  controllers: [
    ProtocolController,
    ProtocolBuildController,
    FlowInfoController,
    FlowCompareController,
  ],
  providers: [ProtocolService, FlowCompareService, FlowInfoService, ProtocolValidator],
})
export class FlowModule {}
