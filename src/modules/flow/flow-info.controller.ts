import { Controller, Get, Param } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiParam, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiTag } from '../../core/http/openapi/api-tags';
import { ErrorCode } from '../../core/errors/error-code';
import { RouteErrors } from '../../core/errors/error-route.metadata';
import { Consumer, RequiresConsumer } from '../../core/http/consumer.decorator';
import { FLOW_ID_EXAMPLE } from './dto/protocol-example';
import { FlowInfoService } from './flow-info.service';
import { ApiEnvelopeResponses } from './protocol-api-docs';
import { PROTOCOL_PREFIXES } from './protocol-routes';
import { Enveloped } from '../../core/http/envelope.interceptor';

const E = ErrorCode;

/** `GET /get_flow_info/{flow_id}` (docs/api.md#flow-info). */
@ApiTags(ApiTag.FLOWS)
@Controller(PROTOCOL_PREFIXES)
@Enveloped()
export class FlowInfoController {
  constructor(private readonly info: FlowInfoService) {}

  @Get('get_flow_info/:flow_id')
  @RequiresConsumer()
  @RouteErrors({ fallback: E.FLOW_GET_ERROR })
  @ApiSecurity('consumer')
  @ApiOperation({
    summary: 'MCP tool descriptor of the latest published version',
    description:
      'The start node outputs of the published protocol as a JSON-schema object. The calling ' +
      'app must hold an enabled licence for the flow. A non-numeric flow_id answers 20209.',
  })
  @ApiHeader({ name: 'X-Consumer-Username', required: true, description: 'App alias id' })
  @ApiParam({ name: 'flow_id', example: FLOW_ID_EXAMPLE })
  @ApiEnvelopeResponses(
    {
      name: 'demo',
      description: 'echoes the question',
      inputSchema: {
        type: 'object',
        properties: {
          AGENT_USER_INPUT: { type: 'string', description: 'the question' },
          attachment: { type: 'string', description: '', fileType: 'pdf' },
        },
        required: ['AGENT_USER_INPUT'],
      },
    },
    [
      E.PARAM_ERROR,
      E.FLOW_NOT_FOUND_ERROR,
      E.APP_FLOW_NOT_AUTH_BOND_ERROR,
      E.APP_FLOW_NO_LICENSE_ERROR,
      E.FLOW_NOT_PUBLISH_ERROR,
      E.FLOW_GET_ERROR,
    ],
  )
  describe(@Param('flow_id') flowId: string, @Consumer() aliasId: string) {
    return this.info.describe(flowId, aliasId);
  }
}
