import { Module } from '@nestjs/common';
import { FlowChanges } from './flow-changes';

/**
 * Flow change announcements only, so that flow storage, publish/auth and the run feature share
 * one announcer without importing each other's modules.
 */
@Module({
  providers: [FlowChanges],
  exports: [FlowChanges],
})
export class FlowChangesModule {}
