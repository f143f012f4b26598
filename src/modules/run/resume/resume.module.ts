import { Module } from '@nestjs/common';
import { AppsModule } from '../../app/apps.module';
import { WorkflowRunnerModule } from '../../chat/run/workflow-runner.module';
import { VersioningModule } from '../../versioning/versioning.module';
import { ResumeController } from './resume.controller';
import { ResumeService } from './resume.service';
import { RunRestorer } from './run-restorer';

/** `/resume` and `/debug/resume`, and the restoration of paused runs whose instance is gone. */
@Module({
  imports: [AppsModule, VersioningModule, WorkflowRunnerModule],
  controllers: [ResumeController],
  providers: [ResumeService, RunRestorer],
})
export class ResumeModule {}
