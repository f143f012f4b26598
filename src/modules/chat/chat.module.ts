import { Module } from '@nestjs/common';
import { WorkflowRunnerModule } from '../run/runner/workflow-runner.module';
import { ChatController } from './chat.controller';
import { ChatService } from './chat.service';

/** Open chat completions (released runs): the door of the run feature for published flows. */
@Module({
  imports: [WorkflowRunnerModule],
  controllers: [ChatController],
  providers: [ChatService],
})
export class ChatModule {}
