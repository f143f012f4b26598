import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MinLength,
  ValidateNested,
} from 'class-validator';

// `NodeDebugVo` of spec/api.md §4.8.2: a whole DSL whose first node is run alone.
// Free-form parts (nodeParam, retryConfig, output schemas, literal content) are kept verbatim.

export class RefContentDto {
  @IsDefined()
  @IsString()
  @MinLength(1)
  nodeId!: string;

  @IsDefined()
  @IsString()
  @MinLength(1)
  name!: string;
}

export class InputValueDto {
  @IsDefined()
  @IsIn(['ref', 'literal'])
  type!: 'ref' | 'literal';

  /** `{nodeId, name}` for refs, any JSON for literals (checked by the engine) */
  @IsOptional()
  content?: unknown;
}

export class InputSchemaDto {
  @IsDefined()
  @IsIn(['string', 'boolean', 'integer', 'number', 'array', 'object'])
  type!: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => InputValueDto)
  value!: InputValueDto;
}

export class InputItemDto {
  @IsOptional()
  @IsString()
  id?: string;

  @IsDefined()
  @IsString()
  @MinLength(1)
  name!: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => InputSchemaDto)
  schema!: InputSchemaDto;
}

export class OutputItemDto {
  @IsOptional()
  @IsString()
  id?: string;

  @IsDefined()
  @IsString()
  @MinLength(1)
  name!: string;

  @IsDefined()
  @IsObject()
  schema!: Record<string, unknown>;

  @IsOptional()
  @IsBoolean()
  required: boolean = false;
}

export class NodeMetaDto {
  @IsDefined()
  @IsString()
  nodeType!: string;

  @IsDefined()
  @IsString()
  aliasName!: string;
}

export class NodeDataDto {
  @IsDefined()
  @ValidateNested()
  @Type(() => NodeMetaDto)
  nodeMeta!: NodeMetaDto;

  @IsOptional()
  @IsObject()
  nodeParam: Record<string, unknown> = {};

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => InputItemDto)
  inputs: InputItemDto[] = [];

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => OutputItemDto)
  outputs: OutputItemDto[] = [];

  @IsOptional()
  @IsObject()
  retryConfig?: Record<string, unknown>;
}

export class NodeDto {
  @IsDefined()
  @IsString()
  @Matches(/^.*::[0-9a-zA-Z-]+/)
  id!: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => NodeDataDto)
  data!: NodeDataDto;
}

export class EdgeDto {
  @IsDefined()
  @IsString()
  sourceNodeId!: string;

  @IsDefined()
  @IsString()
  targetNodeId!: string;

  @IsOptional()
  @IsString()
  sourceHandle: string = '';
}

export class DslDto {
  @IsDefined()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => NodeDto)
  nodes!: NodeDto[];

  @IsDefined()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => EdgeDto)
  edges!: EdgeDto[];
}

export class NodeDebugRequestDto {
  @IsDefined()
  @IsString()
  @MinLength(1)
  id!: string;

  @IsDefined()
  @IsString()
  @MinLength(1)
  name!: string;

  @IsOptional()
  @IsString()
  description: string = '';

  @IsDefined()
  @ValidateNested()
  @Type(() => DslDto)
  data!: DslDto;
}
