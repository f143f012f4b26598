import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from './page.query';

/** `GET /workflow/v1/admin/flows`: the owner app and the page (1-based). */
export class ListFlowsQuery extends PageQuery {
  @ApiProperty({
    description: "Alias id of the owning app (the flows' `app_id`)",
    maxLength: 255,
    example: 'tenant-demo',
  })
  @IsDefined()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  app_id!: string;
}
