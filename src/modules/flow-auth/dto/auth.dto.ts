import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsString, MaxLength } from 'class-validator';
import { FlowRowBodyDto } from './flow-row-body.dto';

export class AuthDto extends FlowRowBodyDto {
  @ApiProperty({
    description: 'Alias id of the app to bind to the flow group',
    example: 'a1b2c3d4',
  })
  @IsDefined()
  @IsString()
  @MaxLength(64)
  app_id!: string;
}
