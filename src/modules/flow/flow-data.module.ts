import { Module } from '@nestjs/common';
import { FlowChanges } from './flow-changes';
import { FlowRepository } from './flow.repository';

/**
 * Flow persistence and its change announcements only, so that versioning, publish/auth, the
 * layout routes and the run feature can share them without importing each other's modules.
 */
@Module({
  providers: [FlowRepository, FlowChanges],
  exports: [FlowRepository, FlowChanges],
})
export class FlowDataModule {}
