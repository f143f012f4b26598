import { Global, Module } from '@nestjs/common';
import { CodeEngineServices } from './code-engine-services';
import { CodeRunController } from './code-run.controller';
import { CodeRunService } from './code-run.service';

/**
 * Code sandboxes: the `/code/run` routes and the engine service `code` of the code node.
 * Global so the workflow runner can pick up CodeEngineServices as an engine service source.
 */
@Global()
@Module({
  controllers: [CodeRunController],
  providers: [CodeEngineServices, CodeRunService],
  exports: [CodeEngineServices],
})
export class CodeModule {}
