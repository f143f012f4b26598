import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../core/config/app-config';
import {
  HttpKnowledgeBase,
  type KnowledgeBaseService,
  HttpKnowledgePro,
  type KnowledgeProService,
} from '../../engine';

/**
 * Engine services `knowledgeBase` (chunk query at KNOWLEDGE_URL) and `knowledgePro` (agentic
 * RAG at KNOWLEDGE_PRO_URL) of the knowledge nodes, or their `*_BASE_URL` + fixed paths.
 */
@Injectable()
export class KnowledgeNodeEngineServices {
  readonly services: { knowledgeBase: KnowledgeBaseService; knowledgePro: KnowledgeProService };

  constructor(config: AppConfig) {
    const { url, timeoutMs, proUrl, proReadTimeoutMs } = config.knowledgeNode;
    this.services = {
      knowledgeBase: new HttpKnowledgeBase({ url, timeoutMs }),
      knowledgePro: new HttpKnowledgePro({ url: proUrl, timeoutMs: proReadTimeoutMs }),
    };
  }
}
