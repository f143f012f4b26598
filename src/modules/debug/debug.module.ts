import { Module } from '@nestjs/common';
import { WorkflowRunnerModule } from '../run/runner/workflow-runner.module';
import { DebugChatController } from './debug-chat.controller';
import { DebugChatService } from './debug-chat.service';
import { NodeDebugController } from './node-debug.controller';
import { NodeDebugService } from './node-debug.service';

/** Console debugging: debug chat runs and single-node debug. */
@Module({
  imports: [WorkflowRunnerModule],
  controllers: [DebugChatController, NodeDebugController],
  providers: [DebugChatService, NodeDebugService],
})
export class DebugModule {}
