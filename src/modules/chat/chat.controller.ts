import { Body, Controller, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiTag } from '../../core/http/openapi/api-tags';
import type { Response } from 'express';
import { Caller, type ChatCaller } from './chat-caller.decorator';
import { ChatRunRoute } from './chat-run-route.decorator';
import { ChatService } from './chat.service';
import { ChatRequestDto } from './dto/chat-request.dto';

@ApiTags(ApiTag.RUNS)
@Controller('workflow/v1')
export class ChatController {
  constructor(private readonly chat: ChatService) {}

  /** Open chat: run the published flow, release view, SSE or one JSON chunk (docs/api.md#chat-completions). */
  @ChatRunRoute('release')
  run(@Body() body: ChatRequestDto, @Caller() caller: ChatCaller, @Res() res: Response) {
    return this.chat.run(body, caller, res);
  }
}
