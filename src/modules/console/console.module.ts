import { Module } from '@nestjs/common';
import { ConsoleController } from './console.controller';

/** The admin console served by the service itself (docs/console.md); it only serves files. */
@Module({ controllers: [ConsoleController] })
export class ConsoleModule {}
