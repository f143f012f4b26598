import { Body, Controller, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiTag } from '../../core/http/openapi/api-tags';
import type { Response } from 'express';
import { Caller, type ChatCaller } from '../chat/chat-caller.decorator';
import { ChatRunRoute } from '../chat/chat-run-route.decorator';
import { ChatRequestDto } from '../chat/dto/chat-request.dto';
import { DebugChatService } from './debug-chat.service';
import { FlowAccess } from '../tenancy/flow-access.decorator';

@ApiTags(ApiTag.RUNS)
@Controller('workflow/v1/debug')
export class DebugChatController {
  constructor(private readonly debug: DebugChatService) {}

  /** Debug run of the draft, debug view (docs/api.md#debug-chat). */
  @ChatRunRoute('debug')
  @FlowAccess({ kind: 'flow', from: 'body', field: 'flow_id' })
  run(@Body() body: ChatRequestDto, @Caller() caller: ChatCaller, @Res() res: Response) {
    return this.debug.run(body, caller, res);
  }
}
