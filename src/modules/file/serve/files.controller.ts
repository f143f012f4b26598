import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiTag } from '../../../core/http/openapi/api-tags';
import type { Response } from 'express';
import { RawResponse } from '../../../core/http/envelope.interceptor';
import { contentTypeOf, OPAQUE_CONTENT_TYPE } from '../upload/content-types';
import { LOCAL_FILES_ROUTE, LocalDiskStorage } from '../storage/local-disk.storage';
import { ObjectStorage } from '../storage/object-storage';

/**
 * Serves files stored on local disk at the URLs upload_file(s) answered (HEAD and byte ranges
 * included: browsers need ranges to play audio). Only names of the form `<uuid>.<ext>` are
 * opened; with S3 storage the files live in the bucket and this route answers 404.
 */
@ApiTags(ApiTag.FILES)
@Controller(LOCAL_FILES_ROUTE)
export class FilesController {
  constructor(private readonly storage: ObjectStorage) {}

  @Get(':name')
  @RawResponse()
  @ApiOperation({ summary: 'Download a locally stored upload (local storage only)' })
  @ApiParam({ name: 'name', example: '0b6f1a2e-7c1d-4f7e-9a55-3f1c2d4e5f60.pdf' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The bytes, with the content type of the extension' })
  async download(@Param('name') name: string, @Res() res: Response): Promise<void> {
    const path =
      this.storage instanceof LocalDiskStorage ? await this.storage.locate(name) : undefined;
    if (!path) {
      res.status(404).json({ detail: 'Not Found' });
      return;
    }
    const contentType = contentTypeOf(name.slice(name.lastIndexOf('.') + 1));
    res.setHeader('Content-Type', contentType);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // types we cannot name are never rendered by a browser on this origin
    if (contentType === OPAQUE_CONTENT_TYPE) res.setHeader('Content-Disposition', 'attachment');
    await new Promise<void>((resolve) => {
      res.sendFile(path, { cacheControl: false, headers: CACHE_HEADERS }, (error?: Error) => {
        // a client that goes away mid-download is no error of ours; a vanished file is a 404
        if (error && !res.headersSent) res.status(404).json({ detail: 'Not Found' });
        resolve();
      });
    });
  }
}

// object names are random and never reused, so a stored file never changes
const CACHE_HEADERS = { 'Cache-Control': 'public, max-age=31536000, immutable' };
