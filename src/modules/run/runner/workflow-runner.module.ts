import { Module } from '@nestjs/common';
import { FileModule } from '../../file';
import { CodeEngineServices } from '../../code/code-engine-services';
import { DatabaseNodeEngineServices } from '../../database-node/database-node-engine-services';
import { AppsModule } from '../../app/apps.module';
import { FlowChangesModule } from '../../flow/flow-changes.module';
import { VersioningModule } from '../../versioning/versioning.module';
import { ModelEngineServices } from '../model-engine-services';
import { RunRecordsModule } from '../records/run-records.module';
import { PluginNodeEngineServices } from '../../plugin-node/plugin-node-engine-services';
import { HttpNodeEngineServices } from '../../http-node/http-node-engine-services';
import { KnowledgeNodeEngineServices } from '../../knowledge-node/knowledge-node-engine-services';
import { SubflowEngineServices } from '../subflow/subflow-engine-services';
import { AgentNodeEngineServices } from '../../agent-node/agent-node-engine-services';
import { RpaNodeEngineServices } from '../../rpa-node/rpa-node-engine-services';
import {
  ENGINE_SERVICE_SOURCES,
  EngineServiceSource,
  RunEngineServices,
} from './engine-services.provider';
import { RunEvents } from './run-events';
import { RunRequests } from './run-requests.service';
import { RunResponder } from './run-responder.service';
import { WorkflowRunnerService } from './workflow-runner.service';

/**
 * The run feature's door for the routes: run requests (with the flow lookup), the responder,
 * the compiled-engine cache and runner, the engine services every run receives, and the
 * run-event seam; imported by the chat, debug, node-debug and resume modules. Flow changes
 * reach the engine cache through `FlowChanges` (flow imports nothing from here).
 */
@Module({
  imports: [FileModule, AppsModule, FlowChangesModule, VersioningModule, RunRecordsModule],
  providers: [
    {
      // contributions of other (global) modules; absent ones are skipped
      provide: ENGINE_SERVICE_SOURCES,
      inject: [
        { token: ModelEngineServices, optional: true },
        { token: CodeEngineServices, optional: true },
        { token: SubflowEngineServices, optional: true },
        { token: DatabaseNodeEngineServices, optional: true },
        { token: PluginNodeEngineServices, optional: true },
        { token: HttpNodeEngineServices, optional: true },
        { token: KnowledgeNodeEngineServices, optional: true },
        { token: AgentNodeEngineServices, optional: true },
        { token: RpaNodeEngineServices, optional: true },
      ],
      useFactory: (...sources: (EngineServiceSource | undefined)[]) =>
        sources.filter((s): s is EngineServiceSource => s !== undefined),
    },
    RunEngineServices,
    WorkflowRunnerService,
    RunEvents,
    RunRequests,
    RunResponder,
  ],
  exports: [WorkflowRunnerService, RunEngineServices, RunRequests, RunResponder],
})
export class WorkflowRunnerModule {}
