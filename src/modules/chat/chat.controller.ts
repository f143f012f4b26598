import { Body, Controller, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiTag } from '../../core/http/openapi/api-tags';
import type { Request, Response } from 'express';
import { Consumer } from '../../core/http/consumer.decorator';
import { sidOf } from '../../core/http/request-sid';
import { ChatRunRoute } from './chat-run-route.decorator';
import { CALL_CHAIN_HEADER, parseCallChain } from '../run/subflow/remote-subflows';
import { ChatService } from './chat.service';
import { ChatRequestDto } from './dto/chat-request.dto';

@ApiTags(ApiTag.RUNS)
@Controller('workflow/v1')
export class ChatController {
  constructor(private readonly chat: ChatService) {}

  /** Open chat: run the published flow, release view, SSE or one JSON chunk (docs/api.md#chat-completions). */
  @ChatRunRoute('release')
  run(
    @Body() body: ChatRequestDto,
    @Consumer() alias: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.chat.run(
      body,
      alias,
      sidOf(req),
      res,
      parseCallChain(req.headers[CALL_CHAIN_HEADER]),
    );
  }
}
