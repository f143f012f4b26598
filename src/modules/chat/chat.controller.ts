import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ErrorCode } from '../../core/errors/error-code';
import { RouteErrors } from '../../core/errors/error-route.metadata';
import { Consumer, RequiresConsumer } from '../../core/http/consumer.decorator';
import { RawResponse } from '../../core/http/envelope.interceptor';
import { sidOf } from '../../core/http/request-sid';
import { ChatService } from './chat.service';
import { ChatRequestDto } from './dto/chat-request.dto';

@ApiTags('chat')
@Controller('workflow/v1')
export class ChatController {
  constructor(private readonly chat: ChatService) {}

  /** Open chat: run the published flow, release view, SSE or one JSON chunk (api.md §4.3). */
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
    return this.chat.run(body, alias, sidOf(req), res);
  }
}
