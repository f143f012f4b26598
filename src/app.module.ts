import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from './core/config/app-config';
import { CoreModule } from './core/core.module';
import { HealthModule } from './core/health/health.module';
import { DatabaseModule } from './database/database.module';
import { FileModule } from './modules/file/file.module';
import { AppsModule } from './modules/app/apps.module';
import { AdminModule } from './modules/admin/admin.module';
import { ChatModule } from './modules/chat/chat.module';
import { CodeModule } from './modules/code/code.module';
import { SubflowModule } from './modules/run/subflow/subflow.module';
import { DatabaseNodeModule } from './modules/database-node/database-node.module';
import { PluginNodeModule } from './modules/plugin-node/plugin-node.module';
import { HttpNodeModule } from './modules/http-node/http-node.module';
import { KnowledgeNodeModule } from './modules/knowledge-node/knowledge-node.module';
import { DebugModule } from './modules/debug/debug.module';
import { FlowAuthModule } from './modules/flow-auth/flow-auth.module';
import { FlowModule } from './modules/flow/flow.module';
import { RunModule } from './modules/run/run.module';
import { ResumeModule } from './modules/run/resume/resume.module';
import { VersioningModule } from './modules/versioning/versioning.module';
import { TenancyModule } from './modules/tenancy/tenancy.module';
import { AgentNodeModule } from './modules/agent-node/agent-node.module';
import { RpaNodeModule } from './modules/rpa-node/rpa-node.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { ConsoleModule } from './modules/console/console.module';

/** The whole service; `forRoot` takes the validated config so tests can boot variants. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config),
        MetricsModule,
        DatabaseModule,
        HealthModule,
        FileModule,
        AppsModule,
        AdminModule,
        TenancyModule,
        VersioningModule,
        FlowAuthModule,
        FlowModule,
        RunModule,
        CodeModule,
        SubflowModule,
        DatabaseNodeModule,
        PluginNodeModule,
        HttpNodeModule,
        KnowledgeNodeModule,
        AgentNodeModule,
        RpaNodeModule,
        ResumeModule,
        ChatModule,
        DebugModule,
        ConsoleModule,
      ],
    };
  }
}
