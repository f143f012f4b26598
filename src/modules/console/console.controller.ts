import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { RawResponse } from '../../core/http/envelope.interceptor';
import { consoleAsset } from './console-assets';

/**
 * The admin console's static files at /console (docs/console.md). No envelope, not in the API
 * docs, open like Swagger UI: the pages hold no data, every call they make carries the
 * operator's ADMIN_TOKEN as a bearer.
 */
@ApiExcludeController()
@Controller('console')
export class ConsoleController {
  @Get()
  @RawResponse()
  index(@Res() res: Response): void {
    send(res, 'index.html');
  }

  @Get('*path')
  @RawResponse()
  asset(@Param('path') path: string | string[], @Res() res: Response): void {
    send(res, Array.isArray(path) ? path.join('/') : path);
  }
}

function send(res: Response, relative: string): void {
  const asset = consoleAsset(relative);
  if (!asset) {
    res.status(404).json({ detail: 'Not Found' });
    return;
  }
  res.setHeader('Content-Type', asset.contentType);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // revalidated on every load: a restarted service with a newer console is seen at once
  res.sendFile(asset.file, { cacheControl: false, headers: { 'Cache-Control': 'no-cache' } });
}
