import { Global, Module } from '@nestjs/common';
import { KnowledgeNodeEngineServices } from './knowledge-node-engine-services';

/** The knowledge nodes' service clients; global so the workflow runner can pick them up as a service source. */
@Global()
@Module({
  providers: [KnowledgeNodeEngineServices],
  exports: [KnowledgeNodeEngineServices],
})
export class KnowledgeNodeModule {}
