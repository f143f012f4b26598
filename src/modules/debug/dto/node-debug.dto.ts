import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MinLength,
} from 'class-validator';
import { NestedList, NestedObject } from '../../../core/http/nested-dto.decorators';

// `NodeDebugVo` of docs/api.md#node-debug: a whole DSL whose first node is run alone.
// Free-form parts (nodeParam, retryConfig, output schemas, literal content) are kept verbatim;
// nested parts are checked as objects (core/http/nested-dto.decorators.ts).

export class RefContentDto {
  @ApiProperty({ minLength: 1, example: 'node-start::a1' })
  @IsDefined()
  @IsString()
  @MinLength(1)
  nodeId!: string;

  @ApiProperty({ minLength: 1, example: 'AGENT_USER_INPUT' })
  @IsDefined()
  @IsString()
  @MinLength(1)
  name!: string;
}

@ApiExtraModels(RefContentDto)
export class InputValueDto {
  @ApiProperty({ enum: ['ref', 'literal'] })
  @IsDefined()
  @IsIn(['ref', 'literal'])
  type!: 'ref' | 'literal';

  /** `{nodeId, name}` for refs, any JSON for literals (checked by the engine) */
  @ApiPropertyOptional({
    description: '`{nodeId, name}` for `ref`, any JSON for `literal`',
    oneOf: [{ $ref: getSchemaPath(RefContentDto) }, {}],
    example: 'hello',
  })
  @IsOptional()
  content?: unknown;
}

export class InputSchemaDto {
  @ApiProperty({ enum: ['string', 'boolean', 'integer', 'number', 'array', 'object'] })
  @IsDefined()
  @IsIn(['string', 'boolean', 'integer', 'number', 'array', 'object'])
  type!: string;

  @ApiProperty({ type: InputValueDto })
  @IsDefined()
  @NestedObject(InputValueDto)
  value!: InputValueDto;
}

export class InputItemDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  id?: string;

  @ApiProperty({ minLength: 1, example: 'input' })
  @IsDefined()
  @IsString()
  @MinLength(1)
  name!: string;

  @ApiProperty({ type: InputSchemaDto })
  @IsDefined()
  @NestedObject(InputSchemaDto)
  schema!: InputSchemaDto;
}

export class OutputItemDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  id?: string;

  @ApiProperty({ minLength: 1, example: 'output' })
  @IsDefined()
  @IsString()
  @MinLength(1)
  name!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, example: { type: 'string' } })
  @IsDefined()
  @IsObject()
  schema!: Record<string, unknown>;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  required: boolean = false;
}

export class NodeMetaDto {
  @ApiProperty({ example: 'text-joiner' })
  @IsDefined()
  @IsString()
  nodeType!: string;

  @ApiProperty({ example: 'Joiner' })
  @IsDefined()
  @IsString()
  aliasName!: string;
}

export class NodeDataDto {
  @ApiProperty({ type: NodeMetaDto })
  @IsDefined()
  @NestedObject(NodeMetaDto)
  nodeMeta!: NodeMetaDto;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    default: {},
    description: 'node-specific parameters (docs/nodes.md)',
    example: { prompt: '<{{input}}>' },
  })
  @IsOptional()
  @IsObject()
  nodeParam: Record<string, unknown> = {};

  @ApiPropertyOptional({ type: [InputItemDto], default: [] })
  @IsOptional()
  @NestedList(InputItemDto)
  inputs: InputItemDto[] = [];

  @ApiPropertyOptional({ type: [OutputItemDto], default: [] })
  @IsOptional()
  @NestedList(OutputItemDto)
  outputs: OutputItemDto[] = [];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'ignored: the node runs once',
  })
  @IsOptional()
  @IsObject()
  retryConfig?: Record<string, unknown>;
}

export class NodeDto {
  @ApiProperty({ pattern: '^.*::[0-9a-zA-Z-]+', example: 'text-joiner::j1' })
  @IsDefined()
  @IsString()
  @Matches(/^.*::[0-9a-zA-Z-]+/)
  id!: string;

  @ApiProperty({ type: NodeDataDto })
  @IsDefined()
  @NestedObject(NodeDataDto)
  data!: NodeDataDto;
}

export class EdgeDto {
  @ApiProperty({ example: 'node-start::a1' })
  @IsDefined()
  @IsString()
  sourceNodeId!: string;

  @ApiProperty({ example: 'text-joiner::j1' })
  @IsDefined()
  @IsString()
  targetNodeId!: string;

  @ApiPropertyOptional({ default: '' })
  @IsOptional()
  @IsString()
  sourceHandle: string = '';
}

export class DslDto {
  @ApiProperty({ type: [NodeDto], description: 'the first node is run alone' })
  @IsDefined()
  @NestedList(NodeDto)
  nodes!: NodeDto[];

  @ApiProperty({ type: [EdgeDto] })
  @IsDefined()
  @NestedList(EdgeDto)
  edges!: EdgeDto[];
}

export class NodeDebugRequestDto {
  @ApiProperty({ minLength: 1, description: 'flow id (telemetry)', example: '7300000000000000009' })
  @IsDefined()
  @IsString()
  @MinLength(1)
  id!: string;

  @ApiProperty({ minLength: 1, example: 'flow' })
  @IsDefined()
  @IsString()
  @MinLength(1)
  name!: string;

  @ApiPropertyOptional({ default: '' })
  @IsOptional()
  @IsString()
  description: string = '';

  @ApiProperty({ type: DslDto })
  @IsDefined()
  @NestedObject(DslDto)
  data!: DslDto;
}
