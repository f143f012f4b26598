import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsString, MaxLength } from 'class-validator';

export class AuthDto {
  @ApiProperty({ description: 'Flow row id (decimal string)', example: '7381234567890123456' })
  @IsDefined()
  @IsString()
  @MaxLength(64)
  flow_id!: string;

  @ApiProperty({
    description: 'Alias id of the app to bind to the flow group',
    example: 'a1b2c3d4',
  })
  @IsDefined()
  @IsString()
  @MaxLength(64)
  app_id!: string;
}
