import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../core/config/app-config';
import type { AgentService } from '../../engine';

/** Engine service `agentService` of the agent node: AGENT_API_URL (or AGENT_BASE_URL + path). */
@Injectable()
export class AgentNodeEngineServices {
  readonly services: { agentService: AgentService };

  constructor(config: AppConfig) {
    this.services = { agentService: { ...config.agentNode } };
  }
}
