import { Body, Controller, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiTag } from '../../core/http/openapi/api-tags';
import type { Request, Response } from 'express';
import { Consumer } from '../../core/http/consumer.decorator';
import { sidOf } from '../../core/http/request-sid';
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
  run(
    @Body() body: ChatRequestDto,
    @Consumer() alias: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.debug.run(body, alias, sidOf(req), res);
  }
}
