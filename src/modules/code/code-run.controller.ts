import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiTag } from '../../core/http/openapi/api-tags';
import type { Request, Response } from 'express';
import { sandboxCallerOf } from '../../core/http/sandbox-caller';
import { ErrorCode } from '../../core/errors/error-code';
import { RouteErrors } from '../../core/errors/error-route.metadata';
import { CodeRunService } from './code-run.service';
import { CodeRunDto } from './dto/code-run.dto';
import { Enveloped } from '../../core/http/envelope.interceptor';

const PATHS = ['workflow/v1', 'sparkflow/v1'].flatMap((prefix) => [
  `${prefix}/code/run`,
  `${prefix}/run`,
]);

@ApiTags(ApiTag.CODE)
@Controller()
@Enveloped()
export class CodeRunController {
  constructor(private readonly codeRun: CodeRunService) {}

  /** Runs a code node's `main` alone (docs/api.md#code-run); `/run` is the legacy alias. */
  @Post(PATHS)
  @HttpCode(200)
  @RouteErrors({ fallback: ErrorCode.CODE_EXECUTION_ERROR, style: 'raw' })
  @ApiOperation({
    summary: 'Run code in the sandbox',
    description:
      'Calls `main(**variables)` (Python) or `main(variables)` (JavaScript) in a sandbox with a ' +
      '60 s limit and answers the parsed JSON result as `data`. 21600 execution error or a ' +
      'result that is not JSON, 21601 no main, 21603 timeout, 21604 sandbox start limits. ' +
      'The sandbox process is chosen by the calling app (`X-Consumer-Username`), never by ' +
      '`app_id`.',
  })
  run(
    @Body() body: CodeRunDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    // the caller closing the request stops the sandbox run
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    return this.codeRun.run(body, sandboxCallerOf(req), gone.signal);
  }
}
