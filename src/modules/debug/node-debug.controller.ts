import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiTag } from '../../core/http/openapi/api-tags';
import type { Request, Response } from 'express';
import { sandboxCallerOf } from '../../core/http/sandbox-caller';
import { ErrorCode } from '../../core/errors/error-code';
import { RouteErrors } from '../../core/errors/error-route.metadata';
import { ApiEnvelope } from '../../core/http/api-envelope.decorator';
import { NodeDebugRequestDto } from './dto/node-debug.dto';
import { NODE_DEBUG_ERRORS, NODE_DEBUG_EXAMPLE, NODE_DEBUG_NOTE } from './node-debug-api-docs';
import { NodeDebugResult, NodeDebugService } from './node-debug.service';
import { Enveloped } from '../../core/http/envelope.interceptor';
import { FlowAccess } from '../tenancy/flow-access.decorator';

@ApiTags(ApiTag.RUNS)
@Controller()
@Enveloped()
export class NodeDebugController {
  constructor(private readonly nodeDebug: NodeDebugService) {}

  /** Runs the first node of the DSL alone (docs/api.md#node-debug); both route prefixes. */
  @Post(['workflow/v1/node/debug', 'sparkflow/v1/node/debug'])
  @HttpCode(200)
  @RouteErrors({ fallback: ErrorCode.NODE_DEBUG_ERROR, style: 'raw' })
  // `id` names the flow whose node history a model node may read: it must exist and be ours
  @FlowAccess({ kind: 'flow', from: 'body', field: 'id', mustExist: true })
  @ApiOperation({
    summary: 'Run the first node of a DSL alone',
    description:
      'Executes `data.nodes[0]` in isolation (no retries; refs to other nodes read their ' +
      'declared defaults) and answers its inputs, outputs, raw model output, time and tokens.',
  })
  @ApiBody({ type: NodeDebugRequestDto })
  @ApiEnvelope({ data: NODE_DEBUG_EXAMPLE, errors: NODE_DEBUG_ERRORS, note: NODE_DEBUG_NOTE })
  debug(
    @Body() body: NodeDebugRequestDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<NodeDebugResult> {
    // the console closing the request cancels the node (and its model/tool calls)
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    return this.nodeDebug.debug(body, sandboxCallerOf(req), gone.signal);
  }
}
