import { ApiProperty } from '@nestjs/swagger';

/** A licence row (an app bound to a flow group), from either side. */
export class BindingDto {
  @ApiProperty({ example: '7381234567890124444', description: 'Licence id (string)' })
  license_id!: string;
  @ApiProperty({ example: '7381234567890125555', description: 'Internal app id (string)' })
  app_id!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'caller-app',
    description: 'null when the app row is gone',
  })
  alias_id!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Caller app' })
  app_name!: string | null;
  @ApiProperty({ example: '7381234567890120000', description: 'Flow group (string)' })
  group_id!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '7381234567890123456',
    description: 'Working row of the group (the flow_id callers run); null when the flow is gone',
  })
  flow_id!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Greeting flow' })
  flow_name!: string | null;
  @ApiProperty({ example: 1, description: '1 enabled, 0 disabled (runs answer 20005)' })
  status!: number;
  @ApiProperty({ example: '2025-01-02T03:04:05.000Z' })
  create_at!: string;
}

export class BindingListDto {
  @ApiProperty({ type: [BindingDto], description: 'Oldest first' })
  items!: BindingDto[];
  @ApiProperty({ example: 1 })
  total!: number;
}
