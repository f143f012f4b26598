import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ErrorCode } from '../../core/errors/error-code';
import { RouteErrors } from '../../core/errors/error-route.metadata';
import { NodeDebugRequestDto } from './dto/node-debug.dto';
import { NodeDebugResult, NodeDebugService } from './node-debug.service';

@ApiTags('debug')
@Controller()
export class NodeDebugController {
  constructor(private readonly nodeDebug: NodeDebugService) {}

  /** Runs the first node of the DSL alone (spec/api.md §4.8.2); both route prefixes. */
  @Post(['workflow/v1/node/debug', 'sparkflow/v1/node/debug'])
  @HttpCode(200)
  @RouteErrors({ fallback: ErrorCode.NODE_DEBUG_ERROR, style: 'raw' })
  debug(
    @Body() body: NodeDebugRequestDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<NodeDebugResult> {
    // the console closing the request cancels the node (and its model/tool calls)
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    return this.nodeDebug.debug(body, gone.signal);
  }
}
