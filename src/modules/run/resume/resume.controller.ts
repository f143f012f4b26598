import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ErrorCode } from '../../../core/errors/error-code';
import { RouteErrors } from '../../../core/errors/error-route.metadata';
import { RawResponse } from '../../../core/http/envelope.interceptor';
import { sidOf } from '../../../core/http/request-sid';
import { ResumeRequestDto } from './resume-request.dto';
import { ResumeService } from './resume.service';

@ApiTags('chat')
@Controller('workflow/v1')
export class ResumeController {
  constructor(private readonly resumes: ResumeService) {}

  /** Open resume: release view, always SSE (spec/api.md §4.4). */
  @Post('resume')
  @HttpCode(200)
  @RawResponse()
  @RouteErrors({ fallback: ErrorCode.EVENT_REGISTRY_NOT_FOUND_ERROR, shape: 'chunk' })
  resume(@Body() body: ResumeRequestDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.resumes.resume(body, 'release', sidOf(req), res);
  }

  /** Debug resume: every frame unfiltered (spec/api.md §4.6). */
  @Post('debug/resume')
  @HttpCode(200)
  @RawResponse()
  @RouteErrors({ fallback: ErrorCode.EVENT_REGISTRY_NOT_FOUND_ERROR, shape: 'chunk' })
  debugResume(
    @Body() body: ResumeRequestDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.resumes.resume(body, 'debug', sidOf(req), res);
  }
}
