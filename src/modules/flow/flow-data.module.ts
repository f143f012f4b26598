import { Module } from '@nestjs/common';
import { FlowRepository } from './flow.repository';

/**
 * Flow persistence only, so that versioning, publish/auth and the layout routes can share the
 * repository without importing each other's modules (no module cycles).
 */
@Module({
  providers: [FlowRepository],
  exports: [FlowRepository],
})
export class FlowDataModule {}
