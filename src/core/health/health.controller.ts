import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiTag } from '../http/openapi/api-tags';
import type { Response } from 'express';
import { RawResponse } from '../http/envelope.interceptor';
import { ReadinessRegistry } from './readiness.registry';

@ApiTags(ApiTag.HEALTH)
@Controller()
export class HealthController {
  constructor(private readonly readiness: ReadinessRegistry) {}

  @Get('health')
  @RawResponse()
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  health() {
    return { status: 'ok' };
  }

  @Get('ready')
  @RawResponse()
  @ApiOperation({ summary: 'Readiness: database, and Redis / object storage when configured' })
  @ApiOkResponse({ schema: { example: { status: 'ok', checks: { database: { status: 'up' } } } } })
  async ready(@Res({ passthrough: true }) res: Response) {
    const checks = await this.readiness.run();
    const ok = Object.values(checks).every((c) => c.status === 'up');
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', checks };
  }
}
