import { Module } from '@nestjs/common';
import { AppsModule } from '../app/apps.module';
import { PublishedFlowService } from './published-flow.service';

/** Versions and the published-flow lookup (docs/api.md#versions, docs/api.md#published-flow-lookup) with its cache and invalidation hooks. */
@Module({
  imports: [AppsModule],
  providers: [PublishedFlowService],
  exports: [PublishedFlowService],
})
export class VersioningModule {}
