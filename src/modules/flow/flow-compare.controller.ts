import {
  applyDecorators,
  Body,
  Controller,
  Delete,
  HttpCode,
  Post,
  type Type,
} from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiTag } from '../../core/http/openapi/api-tags';
import { ErrorCode, type ErrorCodeEntry } from '../../core/errors/error-code';
import { RouteErrors } from '../../core/errors/error-route.metadata';
import { DeleteComparisonDto, SaveComparisonDto } from './dto/compare.dto';
import { FlowCompareService } from './flow-compare.service';
import { ApiEnvelopeResponses } from './protocol-api-docs';
import { PROTOCOL_PREFIXES } from './protocol-routes';
import { Enveloped } from '../../core/http/envelope.interceptor';
import { FlowAccess } from '../tenancy/flow-access.decorator';

const E = ErrorCode;

const OPERATIONS = {
  save: {
    summary: 'Save a comparison row (tag 1) for a flow group',
    description:
      'Copies the flow row (20201 when unknown) with the given data and version label. A label ' +
      'already used in the group, or a non-numeric flow_id, answers 20102.',
  },
  delete: {
    summary: 'Delete the comparison rows of a version label',
    description:
      'JSON body on DELETE. Removes only comparison rows (tag 1) of the flow group with this ' +
      'version label; succeeds when there are none. Unknown flow 20201, non-numeric id 20103.',
  },
};

/**
 * What both comparison routes share: a JSON body naming the flow, 200, one fallback code, and
 * their Swagger text.
 */
function ComparisonRoute(
  body: Type,
  fallback: ErrorCodeEntry,
  operation: (typeof OPERATIONS)[keyof typeof OPERATIONS],
) {
  return applyDecorators(
    HttpCode(200),
    RouteErrors({ fallback }),
    FlowAccess({ kind: 'flow', from: 'body', field: 'flow_id' }),
    ApiOperation(operation),
    ApiBody({ type: body }),
    ApiEnvelopeResponses(undefined, [E.PARAM_ERROR, E.FLOW_NOT_FOUND_ERROR, fallback]),
  );
}

/** Comparison rows (docs/api.md#comparison-rows); save is served under both spellings (docs/decisions.md#q13). */
@ApiTags(ApiTag.PUBLISH)
@Controller(PROTOCOL_PREFIXES)
@Enveloped()
export class FlowCompareController {
  constructor(private readonly compare: FlowCompareService) {}

  @Post(['protocolcompare/save', 'protocol/compare/save'])
  @ComparisonRoute(SaveComparisonDto, E.PROTOCOL_CREATE_ERROR, OPERATIONS.save)
  async save(@Body() body: SaveComparisonDto) {
    await this.compare.save(body);
  }

  @Delete('protocol/compare/delete')
  @ComparisonRoute(DeleteComparisonDto, E.PROTOCOL_DELETE_ERROR, OPERATIONS.delete)
  async delete(@Body() body: DeleteComparisonDto) {
    await this.compare.delete(body);
  }
}
