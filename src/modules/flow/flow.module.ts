import { Module } from '@nestjs/common';
import { FlowChangesModule } from './flow-changes.module';
import { AppsModule } from '../app/apps.module';
import { VersioningModule } from '../versioning/versioning.module';
import { FlowCompareController } from './flow-compare.controller';
import { FlowCompareService } from './flow-compare.service';
import { FlowInfoController } from './flow-info.controller';
import { FlowInfoService } from './flow-info.service';
import { FlowLayoutService } from './flow-layout.service';
import { ProtocolBuildController } from './protocol-build.controller';
import { ProtocolValidator } from './protocol-validator.service';
import { ProtocolController } from './protocol.controller';

/** The layout group: flow storage routes under /workflow/v1 and /sparkflow/v1. */
@Module({
  imports: [FlowChangesModule, AppsModule, VersioningModule],
  controllers: [
    ProtocolController,
    ProtocolBuildController,
    FlowInfoController,
    FlowCompareController,
  ],
  providers: [FlowLayoutService, FlowCompareService, FlowInfoService, ProtocolValidator],
})
export class FlowModule {}
