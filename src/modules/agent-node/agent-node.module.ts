import { Global, Module } from '@nestjs/common';
import { AgentNodeEngineServices } from './agent-node-engine-services';

/** The agent node's service settings; global so the workflow runner picks them up as a service source. */
@Global()
@Module({
  providers: [AgentNodeEngineServices],
  exports: [AgentNodeEngineServices],
})
export class AgentNodeModule {}
