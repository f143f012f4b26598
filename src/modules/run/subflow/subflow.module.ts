import { Global, Module } from '@nestjs/common';
import { AppsModule } from '../../app/apps.module';
import { VersioningModule } from '../../versioning/versioning.module';
import { SubflowEngineServices } from './subflow-engine-services';

/**
 * The `flow::` node's engine service. Global so the workflow runner can pick it up as an
 * engine service source.
 */
@Global()
@Module({
  imports: [AppsModule, VersioningModule],
  providers: [SubflowEngineServices],
  exports: [SubflowEngineServices],
})
export class SubflowModule {}
