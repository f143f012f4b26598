import { Module } from '@nestjs/common';
import { FileModule } from '../../file';
import { CodeEngineServices } from '../../code/code-engine-services';
import { DatabaseNodeEngineServices } from '../../database-node/database-node-engine-services';
import { ModelEngineServices } from '../../run/model-engine-services';
import { PluginNodeEngineServices } from '../../plugin-node/plugin-node-engine-services';
import { HttpNodeEngineServices } from '../../http-node/http-node-engine-services';
import { KnowledgeNodeEngineServices } from '../../knowledge-node/knowledge-node-engine-services';
import { SubflowEngineServices } from '../../subflow/subflow-engine-services';
import { AgentNodeEngineServices } from '../../agent-node/agent-node-engine-services';
import { RpaNodeEngineServices } from '../../rpa-node/rpa-node-engine-services';
import {
  ENGINE_SERVICE_SOURCES,
  EngineServiceSource,
  RunEngineServices,
} from './engine-services.provider';
import { RunEvents } from './run-events';
import { RunResponder } from './run-responder.service';
import { WorkflowRunnerService } from './workflow-runner.service';

/**
 * Compiled-engine cache and runner, the engine services every run receives, and the run-event
 * seam; shared by the chat, debug and node-debug routes. Flow storage and publish may import
 * it to invalidate a flow's engines; the resume routes reuse the stream writer (chat/stream).
 */
@Module({
  imports: [FileModule],
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
    RunResponder,
  ],
  exports: [WorkflowRunnerService, RunEvents, RunEngineServices, RunResponder],
})
export class WorkflowRunnerModule {}
