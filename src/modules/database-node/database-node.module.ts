import { Global, Module } from '@nestjs/common';
import { DatabaseNodeEngineServices } from './database-node-engine-services';

/** The database node's backend; global so the workflow runner can pick it up as a service source. */
@Global()
@Module({
  providers: [DatabaseNodeEngineServices],
  exports: [DatabaseNodeEngineServices],
})
export class DatabaseNodeModule {}
