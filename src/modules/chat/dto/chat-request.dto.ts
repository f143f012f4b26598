import { Transform, Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';

/** One turn of the conversation passed to the engine (spec/api.md §4.3 HistoryItem). */
export class HistoryItemDto {
  @IsDefined()
  @IsIn(['user', 'assistant'])
  role!: 'user' | 'assistant';

  @IsDefined()
  @IsString()
  content!: string;

  @IsOptional()
  @IsIn(['text', 'image', 'audio'])
  content_type?: 'text' | 'image' | 'audio' | null = 'text';
}

/** `null` counts as absent for the optional fields (pydantic defaults apply to omitted keys). */
const orDefault = <T>(fallback: () => T) =>
  Transform(({ value }: { value: unknown }) => (value === null ? fallback() : value));

/** Body of the chat routes (`ChatVo`, spec/api.md §4.3); unknown keys are dropped. */
export class ChatRequestDto {
  @IsDefined()
  @IsString()
  flow_id!: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  @orDefault(() => '')
  uid: string = '';

  @IsOptional()
  @IsBoolean()
  @orDefault(() => true)
  stream: boolean = true;

  @IsOptional()
  @IsObject()
  @orDefault(() => ({}))
  ext: Record<string, unknown> = {};

  @IsDefined()
  @IsObject()
  parameters!: Record<string, unknown>;

  @IsOptional()
  @IsString()
  @MaxLength(128)
  @orDefault(() => '')
  chat_id: string = '';

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => HistoryItemDto)
  @orDefault(() => [])
  history: HistoryItemDto[] = [];

  @IsOptional()
  @IsString()
  @orDefault(() => '')
  version: string = '';
}
