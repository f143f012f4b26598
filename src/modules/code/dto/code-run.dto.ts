import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsOptional, IsString, MinLength } from 'class-validator';
import { NestedList } from '../../../core/http/nested-dto.decorators';

export class CodeVariableDto {
  @ApiProperty({ example: 'input' })
  @IsDefined()
  @IsString()
  @MinLength(1)
  name!: string;

  @ApiPropertyOptional({ description: 'any JSON value', example: 'hello' })
  @IsOptional()
  content?: unknown;
}

/** `CodeRunVo` of docs/api.md#code-run, plus `code_language` (our extension). */
export class CodeRunDto {
  @ApiProperty({ example: 'def main(input):\n    return {"echo": input}' })
  @IsDefined()
  @IsString()
  @MinLength(1)
  code!: string;

  @ApiProperty({ type: [CodeVariableDto] })
  @IsDefined()
  @NestedList(CodeVariableDto)
  variables!: CodeVariableDto[];

  @ApiProperty({ example: 'app1' })
  @IsDefined()
  @IsString()
  @MinLength(1)
  app_id!: string;

  @ApiProperty({ example: 'user1' })
  @IsDefined()
  @IsString()
  @MinLength(1)
  uid!: string;

  @ApiPropertyOptional({ default: '' })
  @IsOptional()
  @IsString()
  flow_id?: string;

  @ApiPropertyOptional({
    enum: ['python', 'javascript'],
    default: 'python',
    description: 'python: `def main(**kwargs)`; javascript: `function main({ ...names })`',
  })
  @IsOptional()
  @IsIn(['python', 'javascript'])
  code_language?: 'python' | 'javascript';
}
