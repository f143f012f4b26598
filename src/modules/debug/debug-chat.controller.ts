import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ErrorCode } from '../../core/errors/error-code';
import { RouteErrors } from '../../core/errors/error-route.metadata';
import { Consumer, RequiresConsumer } from '../../core/http/consumer.decorator';
import { RawResponse } from '../../core/http/envelope.interceptor';
import { sidOf } from '../../core/http/request-sid';
import { ChatRequestDto } from '../chat/dto/chat-request.dto';
import { DebugChatService } from './debug-chat.service';

@ApiTags('debug')
@Controller('workflow/v1/debug')
export class DebugChatController {
  constructor(private readonly debug: DebugChatService) {}

  /** Debug run of the draft, debug view (spec/api.md §4.5). */
  @Post('chat/completions')
  @HttpCode(200)
  @RequiresConsumer()
  @RawResponse()
  @RouteErrors({ fallback: ErrorCode.OPEN_API_ERROR, shape: 'chunk' })
  run(
    @Body() body: ChatRequestDto,
    @Consumer() alias: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.debug.run(body, alias, sidOf(req), res);
  }
}
