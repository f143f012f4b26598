import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../core/config/app-config';
import { createLlmService, type EngineServices } from '../../engine';
import { TypeOrmNodeHistoryStore } from './node-history/typeorm-node-history.store';
import { RunRegistry } from './run-registry';

/**
 * The engine services of the model-backed nodes and the interrupt/resume cycle: model
 * providers, persisted per-node history and the run registry. The run routes merge them into
 * the services they pass to `runWorkflow`.
 */
@Injectable()
export class ModelEngineServices {
  readonly services: Pick<EngineServices, 'llm' | 'nodeHistory' | 'interrupts'>;

  constructor(config: AppConfig, dataSource: DataSource, registry: RunRegistry) {
    this.services = {
      llm: createLlmService({
        sparkHost: config.llm.sparkHost,
        requestTimeoutMs: config.llm.requestTimeoutMs,
        imageDomains: config.llm.imageDomains,
        quickThink: config.llm.quickThink,
      }),
      nodeHistory: new TypeOrmNodeHistoryStore(dataSource),
      interrupts: registry,
    };
  }
}
