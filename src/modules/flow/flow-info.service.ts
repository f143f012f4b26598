import { Injectable } from '@nestjs/common';
import { ErrorCode } from '../../core/errors/error-code';
import { PublishedFlowService } from '../versioning/published-flow.service';
import { requireNumericFlowId } from './flow-id';
import { McpToolDescriptor, mcpToolDescriptor } from './mcp-input-schema';

/** `GET /get_flow_info/{flow_id}`: the MCP tool descriptor of the latest published version. */
@Injectable()
export class FlowInfoService {
  constructor(private readonly published: PublishedFlowService) {}

  /** 20201 unknown flow, 20004/20005 licence, 20204 not published (docs/api.md#published-flow-lookup). */
  async describe(flowId: string, aliasId: string): Promise<McpToolDescriptor> {
    const id = requireNumericFlowId(flowId, ErrorCode.FLOW_GET_ERROR);
    const row = await this.published.findPublished(id, aliasId);
    return mcpToolDescriptor(row.name, row.description, row.releaseData);
  }
}
