import { Global, Module } from '@nestjs/common';
import { RpaNodeEngineServices } from './rpa-node-engine-services';

/** The RPA node's service settings; global so the workflow runner picks them up as a service source. */
@Global()
@Module({
  providers: [RpaNodeEngineServices],
  exports: [RpaNodeEngineServices],
})
export class RpaNodeModule {}
