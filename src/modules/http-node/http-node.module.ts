import { Global, Module } from '@nestjs/common';
import { HttpNodeEngineServices } from './http-node-engine-services';

/** The http-request node's settings; global so the workflow runner picks them up as a service source. */
@Global()
@Module({
  providers: [HttpNodeEngineServices],
  exports: [HttpNodeEngineServices],
})
export class HttpNodeModule {}
