import { Module } from '@nestjs/common';
import { AppsModule } from '../app/apps.module';
import { VersioningModule } from '../versioning/versioning.module';
import { ChatController } from './chat.controller';
import { ChatService } from './chat.service';
import { WorkflowRunnerModule } from './run/workflow-runner.module';

/** Open chat completions (released runs). */
@Module({
  imports: [AppsModule, VersioningModule, WorkflowRunnerModule],
  controllers: [ChatController],
  providers: [ChatService],
})
export class ChatModule {}
