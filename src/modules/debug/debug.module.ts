import { Module } from '@nestjs/common';
import { AppsModule } from '../app/apps.module';
import { WorkflowRunnerModule } from '../chat/run/workflow-runner.module';
import { VersioningModule } from '../versioning/versioning.module';
import { DebugChatController } from './debug-chat.controller';
import { DebugChatService } from './debug-chat.service';
import { NodeDebugController } from './node-debug.controller';
import { NodeDebugService } from './node-debug.service';

/** Console debugging: debug chat runs and single-node debug. */
@Module({
  imports: [AppsModule, VersioningModule, WorkflowRunnerModule],
  controllers: [DebugChatController, NodeDebugController],
  providers: [DebugChatService, NodeDebugService],
})
export class DebugModule {}
