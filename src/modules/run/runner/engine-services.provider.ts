import { Inject, Injectable, Optional } from '@nestjs/common';
import { VariableRepository } from '../../../database/repositories/variable.repository';
import type { EngineServices } from '../../../engine';

/**
 * Engine services contributed by other modules (model providers, code runners, the interrupt
 * registry…), provided under this token as objects whose `services` member holds their part of
 * `EngineServices`. Modules that own such services list them here by provider (see
 * `WorkflowRunnerModule`); the runner merges them.
 */
export interface EngineServiceSource {
  readonly services: Partial<EngineServices>;
}

export const ENGINE_SERVICE_SOURCES = Symbol('ENGINE_SERVICE_SOURCES');

/**
 * The `EngineServices` every run receives: the node-variable repository (Redis when REDIS_URL
 * is set, else in-process memory) plus whatever the other modules contribute.
 */
@Injectable()
export class RunEngineServices {
  readonly services: Partial<EngineServices>;

  constructor(
    variables: VariableRepository,
    @Optional() @Inject(ENGINE_SERVICE_SOURCES) sources: EngineServiceSource[] | null = null,
  ) {
    this.services = Object.assign({ variables }, ...(sources ?? []).map((s) => s.services));
  }
}
