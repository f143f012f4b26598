import { Global, Module } from '@nestjs/common';
import { PluginNodeEngineServices } from './plugin-node-engine-services';

/** The plugin node's tool gateway client; global so the workflow runner can pick it up as a service source. */
@Global()
@Module({
  providers: [PluginNodeEngineServices],
  exports: [PluginNodeEngineServices],
})
export class PluginNodeModule {}
