import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { FastBody } from '../../../core/http/fast-body';
import { NestedList } from '../../../core/http/nested-dto.decorators';
import { chatRequestFields } from './chat-request.fast-path';

/** One turn of the conversation passed to the engine (docs/api.md#chat-completions HistoryItem). */
export class HistoryItemDto {
  @ApiProperty({ enum: ['user', 'assistant'], example: 'user' })
  @IsDefined()
  @IsIn(['user', 'assistant'])
  role!: 'user' | 'assistant';

  @ApiProperty({ example: 'What is the weather in Hefei?' })
  @IsDefined()
  @IsString()
  content!: string;

  @ApiPropertyOptional({ enum: ['text', 'image', 'audio'], nullable: true, default: 'text' })
  @IsOptional()
  @IsIn(['text', 'image', 'audio'])
  content_type?: 'text' | 'image' | 'audio' | null = 'text';
}

/** `null` counts as absent for the optional fields (pydantic defaults apply to omitted keys). */
const orDefault = <T>(fallback: () => T) =>
  Transform(({ value }: { value: unknown }) => (value === null ? fallback() : value));

/** Body of the chat routes (`ChatVo`, docs/api.md#chat-completions); unknown keys are dropped. */
@FastBody((body) => chatRequestFields(body, () => new HistoryItemDto()))
export class ChatRequestDto {
  @ApiProperty({ description: 'numeric flow id', example: '7234567890123456789' })
  @IsDefined()
  @IsString()
  flow_id!: string;

  @ApiPropertyOptional({
    maxLength: 40,
    default: '',
    description: 'end-user id (chat history lookup)',
    example: 'u1',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @orDefault(() => '')
  uid: string = '';

  @ApiPropertyOptional({
    default: true,
    description: 'true: text/event-stream frames; false: one application/json chunk',
  })
  @IsOptional()
  @IsBoolean()
  @orDefault(() => true)
  stream: boolean = true;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    default: {},
    description: 'free-form; `caller` and `bot_id` are used for telemetry only',
  })
  @IsOptional()
  @IsObject()
  @orDefault(() => ({}))
  ext: Record<string, unknown> = {};

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'flow inputs keyed by start-node output name',
    example: { AGENT_USER_INPUT: 'hi' },
  })
  @IsDefined()
  @IsObject()
  parameters!: Record<string, unknown>;

  @ApiPropertyOptional({ maxLength: 128, default: '', description: 'correlation id' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  @orDefault(() => '')
  chat_id: string = '';

  @ApiPropertyOptional({ type: [HistoryItemDto], default: [] })
  @IsOptional()
  @NestedList(HistoryItemDto)
  @orDefault(() => [])
  history: HistoryItemDto[] = [];

  @ApiPropertyOptional({ default: '', description: 'published version label; empty = latest' })
  @IsOptional()
  @IsString()
  @orDefault(() => '')
  version: string = '';
}
