import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiTag } from '../../../core/http/openapi/api-tags';
import type { Request, Response } from 'express';
import { ErrorCode } from '../../../core/errors/error-code';
import { RouteErrors } from '../../../core/errors/error-route.metadata';
import { ApiEnvelope } from '../../../core/http/api-envelope.decorator';
import { RequiresConsumer } from '../../../core/http/consumer.decorator';
import { UploadService } from './upload.service';
import { Enveloped } from '../../../core/http/envelope.interceptor';

const CONSUMER_HEADER = {
  name: 'X-Consumer-Username',
  required: true,
  description: 'Calling app alias id (telemetry only); missing → 460',
};

const UPLOAD_ERRORS = [
  ErrorCode.PARAM_ERROR,
  ErrorCode.FILE_INVALID_ERROR,
  ErrorCode.FILE_STORAGE_ERROR,
];

const ERROR_NOTE =
  '23601 details: `Unsupported file type: <ext>` (not in SUPPORT_FILE_TYPE), `File size exceeds ' +
  'limit` (FILE_SIZE_LIMIT, enforced while streaming: the rest of the body is not read), `File ' +
  'name cannot be empty`, `File content does not match its extension: <ext>` (leading bytes ' +
  'checked for pdf, images, Office, audio). 460 when the part is missing or the body is not ' +
  'multipart. 23604 when the store fails; nothing of the request stays stored.';

const URL_EXAMPLE = 'http://127.0.0.1:9000/workflow/0b6f1a2e-7c1d-4f7e-9a55-3f1c2d4e5f60.pdf';

@ApiTags(ApiTag.FILES)
@Controller('workflow/v1')
@Enveloped()
export class UploadController {
  constructor(private readonly uploads: UploadService) {}

  @Post('upload_file')
  @HttpCode(200)
  @RequiresConsumer()
  @RouteErrors({ fallback: ErrorCode.FILE_STORAGE_ERROR })
  @ApiOperation({ summary: 'Upload one file (multipart part `file`); answers its public URL' })
  @ApiHeader(CONSUMER_HEADER)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiEnvelope({ data: { url: URL_EXAMPLE }, errors: UPLOAD_ERRORS, note: ERROR_NOTE })
  uploadFile(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.uploads.uploadOne(req, res);
  }

  @Post('upload_files')
  @HttpCode(200)
  @RequiresConsumer()
  @RouteErrors({ fallback: ErrorCode.FILE_STORAGE_ERROR })
  @ApiOperation({
    summary: 'Upload several files (parts `files`); answers their URLs in part order',
    description: 'All or nothing: when one file is refused or cannot be stored, none is kept.',
  })
  @ApiHeader(CONSUMER_HEADER)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['files'],
      properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } } },
    },
  })
  @ApiEnvelope({ data: { urls: [URL_EXAMPLE] }, errors: UPLOAD_ERRORS, note: ERROR_NOTE })
  uploadFiles(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.uploads.uploadMany(req, res);
  }
}
