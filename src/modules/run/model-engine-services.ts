import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../core/config/app-config';
import { NodeHistoryRepository } from '../../database/repositories/node-history.repository';
import type { EngineServices } from '../../engine';
import { createLlmService } from '../../engine';
import '../../engine';
import { PersistedNodeHistory } from './node-history/persisted-node-history';
import { RunRegistry } from './run-registry';

/**
 * The engine services of the model-backed nodes and the interrupt/resume cycle: model
 * providers, persisted per-node history and the run registry. The run routes merge them into
 * the services they pass to `runWorkflow`.
 */
@Injectable()
export class ModelEngineServices {
  readonly services: Pick<EngineServices, 'llm' | 'nodeHistory' | 'interrupts'>;

  constructor(config: AppConfig, nodeHistory: NodeHistoryRepository, registry: RunRegistry) {
    this.services = {
      llm: createLlmService({
        sparkHost: config.llm.sparkHost,
        requestTimeoutMs: config.llm.requestTimeoutMs,
        imageDomains: config.llm.imageDomains,
        quickThink: config.llm.quickThink,
      }),
      nodeHistory: new PersistedNodeHistory(nodeHistory),
      interrupts: registry,
    };
  }
}
