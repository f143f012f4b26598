import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AppConfig } from '../../../core/config/app-config';
import type { EngineServices } from '../../../engine';
import { AppResolverService } from '../../app/app-resolver.service';
import { RunRequests } from '../runner/run-requests.service';
import { WorkflowRunnerService } from '../runner/workflow-runner.service';
import { PublishedFlowService } from '../../versioning/published-flow.service';
import { InProcessSubflows } from './in-process-subflows';
import { RemoteSubflows } from './remote-subflows';
import { endOutputMode } from './subflow-output-mode';

/**
 * The engine service `subflows` of the `flow::` node (docs/nodes.md#flow): output mode from
 * the latest published version, runs in-process, or on the remote workflow service of
 * `WORKFLOW_URL_SSE` / `WORKFLOW_BASE_URL` when one is configured.
 */
@Injectable()
export class SubflowEngineServices {
  readonly services: Pick<EngineServices, 'subflows'>;

  constructor(
    config: AppConfig,
    published: PublishedFlowService,
    apps: AppResolverService,
    moduleRef: ModuleRef,
  ) {
    const url = config.subflow.url;
    const runner = url
      ? new RemoteSubflows(url, apps, config.subflow.remoteAuth)
      : new InProcessSubflows(
          () => moduleRef.get(RunRequests, { strict: false }),
          () => moduleRef.get(WorkflowRunnerService, { strict: false }),
        );
    this.services = {
      subflows: {
        maxDepth: config.subflow.maxDepth,
        // a remote service's question would need its own /resume: only in-process runs relay
        relaysQuestions: !url,
        outputMode: async (flowId, parentAppId) =>
          endOutputMode((await published.findPublished(flowId, parentAppId)).data),
        run: (call) => runner.run(call),
      },
    };
  }
}
