import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../../core/config/app-config';
import { RawResponse } from '../../core/http/envelope.interceptor';
import { ServiceMetrics } from '../../core/telemetry/service-metrics';

/**
 * `GET /metrics`: the Prometheus text format, as is (no envelope), outside the API prefix and
 * the API docs. Open unless METRICS_TOKEN is set; then `Authorization: Bearer <token>`.
 */
@ApiExcludeController()
@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: ServiceMetrics,
    private readonly config: AppConfig,
  ) {}

  @Get('metrics')
  @RawResponse()
  async scrape(@Req() req: Request, @Res() res: Response): Promise<void> {
    const token = this.config.telemetry.metricsToken;
    if (token !== undefined && !bearerMatches(req.headers.authorization, token)) {
      res.status(401).set('WWW-Authenticate', 'Bearer').type('text/plain').send('unauthorized\n');
      return;
    }
    const text = await this.metrics.text();
    // written as is: Express would rewrite the exposition format's content type
    res.statusCode = 200;
    res.setHeader('Content-Type', this.metrics.contentType);
    res.end(text);
  }
}

/** Constant-time check of `Bearer <token>` (digests have equal length whatever was sent). */
function bearerMatches(header: string | undefined, expected: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec((header ?? '').trim());
  if (!match) return false;
  const given = createHash('sha256').update(match[1]).digest();
  return timingSafeEqual(given, createHash('sha256').update(expected).digest());
}
