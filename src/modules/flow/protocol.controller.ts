import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiTag } from '../../core/http/openapi/api-tags';
import { RouteErrors } from '../../core/errors/error-route.metadata';
import { ErrorCode } from '../../core/errors/error-code';
import { AddFlowDto } from './dto/add-flow.dto';
import { FlowRefDto } from './dto/flow-ref.dto';
import { FLOW_ID_EXAMPLE } from './dto/protocol-example';
import { UpdateFlowDto } from './dto/update-flow.dto';
import { ProtocolService } from './protocol.service';
import { ApiEnvelopeResponses } from './protocol-api-docs';
import { PROTOCOL_PREFIXES } from './protocol-routes';
import { Enveloped } from '../../core/http/envelope.interceptor';
import type { Request } from 'express';
import { FlowAccess } from '../tenancy/flow-access.decorator';
import { flowCreatorOf } from '../tenancy/flow-creator';

const E = ErrorCode;
const BUILD_ERRORS = [
  E.PROTOCOL_VALIDATION_ERROR,
  E.ENG_PROTOCOL_VALIDATE_ERROR,
  E.ENG_NODE_PROTOCOL_VALIDATE_ERROR,
  E.ENG_BUILD_ERROR,
];
const GET_EXAMPLE =
  '{\n  "id": 7381234567890123456,\n  "group_id": 7381234567890123000,\n  "name": "demo",\n' +
  '  "data": {},\n  "release_data": {},\n  "description": "",\n  "version": "-1",\n' +
  '  "status": 0,\n  "release_status": 0,\n  "app_id": "a1b2c3d4",\n  "source": 1,\n' +
  '  "create_at": "2025-01-02T03:04:05",\n  "tag": 0,\n  "update_at": "2025-01-02T03:04:05"\n}';

/** Flow storage: add, get, update, delete (docs/api.md#flow-storage). */
@ApiTags(ApiTag.FLOWS)
@Controller(PROTOCOL_PREFIXES)
@Enveloped()
export class ProtocolController {
  constructor(private readonly protocols: ProtocolService) {}

  @Post('protocol/add')
  @HttpCode(200)
  @RouteErrors({ fallback: E.PROTOCOL_CREATE_ERROR })
  @FlowAccess({ kind: 'add' })
  @ApiOperation({
    summary: 'Create a flow (working row, version "-1")',
    description:
      'Checks in order: status ∈ {0,1} (20102), the app `app_id` (20001/20002), then builds ' +
      '`data.data` to validate it. Nothing is stored unless every check passes.',
  })
  @ApiBody({ type: AddFlowDto })
  @ApiEnvelopeResponses({ flow_id: FLOW_ID_EXAMPLE }, [
    E.PARAM_ERROR,
    E.PROTOCOL_CREATE_ERROR,
    E.APP_GET_WITH_REMOTE_FAILED_ERROR,
    E.APP_TENANT_NOT_FOUND_ERROR,
    ...BUILD_ERRORS,
  ])
  add(@Body() body: AddFlowDto, @Req() req: Request) {
    return this.protocols.add(body, flowCreatorOf(req));
  }

  @Post('protocol/get')
  @HttpCode(200)
  @RouteErrors({ fallback: E.FLOW_GET_ERROR })
  @FlowAccess({ kind: 'flow', from: 'body', field: 'flow_id' })
  @ApiOperation({
    summary: 'Read a flow row',
    description:
      '`data` is a JSON **string**: the row pretty-printed (2-space indent), `id` and ' +
      "`group_id` as exact unquoted integers (the reference's wire; `JSON.parse` rounds them: " +
      'quote them first or use a big-number parser, see the README "Ids"). A non-numeric ' +
      'flow_id answers 20209.',
  })
  @ApiBody({ type: FlowRefDto })
  @ApiEnvelopeResponses(GET_EXAMPLE, [E.PARAM_ERROR, E.FLOW_NOT_FOUND_ERROR, E.FLOW_GET_ERROR])
  get(@Body() body: FlowRefDto) {
    return this.protocols.get(body);
  }

  @Post('protocol/update/:flow_id')
  @HttpCode(200)
  @RouteErrors({ fallback: E.PROTOCOL_UPDATE_ERROR })
  @FlowAccess({ kind: 'flow', from: 'path', field: 'flow_id', keepsAppId: true })
  @ApiOperation({
    summary: 'Update a flow row',
    description:
      'Validates `data` by a build first, then loads the row (20201). When the stored or the ' +
      'requested status is > 0 the owner app is resolved and bound (licence); no owner → 20205. ' +
      'A non-numeric flow_id answers 20104.',
  })
  @ApiParam({ name: 'flow_id', example: FLOW_ID_EXAMPLE })
  @ApiBody({ type: UpdateFlowDto, required: false })
  @ApiEnvelopeResponses(undefined, [
    E.PARAM_ERROR,
    ...BUILD_ERRORS,
    E.FLOW_NOT_FOUND_ERROR,
    E.FLOW_NO_APP_ID_ERROR,
    E.APP_GET_WITH_REMOTE_FAILED_ERROR,
    E.APP_TENANT_NOT_FOUND_ERROR,
    E.PROTOCOL_UPDATE_ERROR,
  ])
  async update(@Param('flow_id') flowId: string, @Body() body: UpdateFlowDto) {
    await this.protocols.update(flowId, body);
  }

  @Post('protocol/delete')
  @HttpCode(200)
  @RouteErrors({ fallback: E.PROTOCOL_DELETE_ERROR })
  @FlowAccess({ kind: 'flow', from: 'body', field: 'flow_id' })
  @ApiOperation({
    summary: 'Delete a flow row owned by app_id',
    description:
      'Deletes the row with this id whose app_id equals the body app_id (absent/null: rows ' +
      'without owner). Unknown, foreign or non-numeric ids answer 20103.',
  })
  @ApiBody({ type: FlowRefDto })
  @ApiEnvelopeResponses(undefined, [E.PARAM_ERROR, E.PROTOCOL_DELETE_ERROR])
  async delete(@Body() body: FlowRefDto) {
    await this.protocols.delete(body);
  }
}
