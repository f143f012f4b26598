import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../core/config/app-config';
import { HttpKnowledgeBase } from '../../engine/nodes/knowledge-base/http-knowledge-base';
import type { KnowledgeBaseService } from '../../engine/nodes/knowledge-base/knowledge-base-service';
import { HttpKnowledgePro } from '../../engine/nodes/knowledge-pro-base/http-knowledge-pro';
import type { KnowledgeProService } from '../../engine/nodes/knowledge-pro-base/knowledge-pro-service';

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
      knowledgePro: new HttpKnowledgePro({ url: proUrl, readTimeoutMs: proReadTimeoutMs }),
    };
  }
}
