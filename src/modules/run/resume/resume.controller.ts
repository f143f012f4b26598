import { Body, Controller, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiTag } from '../../../core/http/openapi/api-tags';
import type { Request, Response } from 'express';
import { sidOf } from '../../../core/http/request-sid';
import { ResumeRequestDto } from './resume-request.dto';
import { ResumeRoute } from './resume-route.decorator';
import { ResumeService } from './resume.service';
import { FlowAccess } from '../../tenancy/flow-access.decorator';

@ApiTags(ApiTag.RESUME)
@Controller('workflow/v1')
export class ResumeController {
  constructor(private readonly resumes: ResumeService) {}

  /** Open resume: release view, always SSE (docs/api.md#resume). */
  @ResumeRoute('release')
  @FlowAccess({ kind: 'run', view: 'release' })
  resume(@Body() body: ResumeRequestDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.resumes.resume(body, 'release', sidOf(req), res);
  }

  /** Debug resume: every frame unfiltered (docs/api.md#debug-resume). */
  @ResumeRoute('debug')
  @FlowAccess({ kind: 'run', view: 'debug' })
  debugResume(
    @Body() body: ResumeRequestDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.resumes.resume(body, 'debug', sidOf(req), res);
  }
}
