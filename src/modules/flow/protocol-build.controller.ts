import { Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiTag } from '../../core/http/openapi/api-tags';
import type { Request, Response } from 'express';
import { isAppException } from '../../core/errors/app.exception';
import { ErrorCode } from '../../core/errors/error-code';
import { RouteErrors } from '../../core/errors/error-route.metadata';
import { RawResponse } from '../../core/http/envelope.interceptor';
import { IgnoresBody } from '../../core/http/ignores-body.decorator';
import { sidOf } from '../../core/http/request-sid';
import { SseWriter } from '../../core/http/sse-writer';
import { FLOW_ID_EXAMPLE } from './dto/protocol-example';
import { ProtocolService } from './protocol.service';
import { EXAMPLE_SID } from './protocol-api-docs';
import { PROTOCOL_PREFIXES } from './protocol-routes';
import { FlowAccessService } from '../tenancy/flow-access.service';

/**
 * `POST /protocol/build/{flow_id}` (docs/api.md#build-flow): always an SSE answer. A failed build is
 * one `{"message": …}` frame (the domain error's message, or "Protocol build failed"), and every
 * answer ends with `{"end_of_stream":true,"sid":…}`.
 */
@ApiTags(ApiTag.FLOWS)
@Controller(PROTOCOL_PREFIXES)
export class ProtocolBuildController {
  constructor(
    private readonly protocols: ProtocolService,
    private readonly access: FlowAccessService,
  ) {}

  @Post('protocol/build/:flow_id')
  @HttpCode(200)
  @RawResponse()
  @IgnoresBody()
  @RouteErrors({ fallback: ErrorCode.PROTOCOL_BUILD_ERROR })
  @ApiOperation({
    summary: 'Validate a stored flow by building it (SSE)',
    description:
      'No body. Frames: on failure `{"message":"<error message>"}` (unknown flow: "Flow ID not ' +
      'found"; build errors: the engine message; anything else: "Protocol build failed"), then ' +
      'always `{"end_of_stream":true,"sid":"<sid>"}`.',
  })
  @ApiParam({ name: 'flow_id', example: FLOW_ID_EXAMPLE })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'Server-sent events, `data: <json>` frames separated by a blank line',
    content: {
      'text/event-stream': {
        schema: { type: 'string' },
        examples: {
          success: { value: `data: {"end_of_stream":true,"sid":"${EXAMPLE_SID}"}\n\n` },
          failure: {
            value:
              'data: {"message":"Flow ID not found"}\n\n' +
              `data: {"end_of_stream":true,"sid":"${EXAMPLE_SID}"}\n\n`,
          },
        },
      },
    },
  })
  async build(@Param('flow_id') flowId: string, @Req() req: Request, @Res() res: Response) {
    const frames: object[] = [];
    try {
      // checked here rather than by a guard, so a refusal is a frame like any other failure
      await this.access.enforce({ kind: 'flow', from: 'path', field: 'flow_id' }, req);
      await this.protocols.build(flowId);
    } catch (error) {
      frames.push({
        message: isAppException(error) ? error.message : ErrorCode.PROTOCOL_BUILD_ERROR.message,
      });
    }
    frames.push({ end_of_stream: true, sid: sidOf(req) });
    const sse = new SseWriter(res);
    for (const frame of frames) await sse.write(frame);
    sse.end();
  }
}
