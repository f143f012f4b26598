import { ApiProperty } from '@nestjs/swagger';

export class DeletedAppDto {
  @ApiProperty({ example: 'tenant-demo' })
  alias_id!: string;
  @ApiProperty({ example: '7381234567890125555', description: 'Internal id of the deleted app' })
  id!: string;
  @ApiProperty({ example: 2, description: 'Bindings deleted with it (force=true)' })
  bindings_deleted!: number;
}

/** The new credentials; the secret is shown this once and never again. */
export class RotatedSecretDto {
  @ApiProperty({ example: 'tenant-demo' })
  alias_id!: string;
  @ApiProperty({ example: 'key-123', description: 'Unchanged: the key names the app' })
  api_key!: string;
  @ApiProperty({ example: 'Jb1yV4mM0y2qf9d3kQm1xT7sPzA8nW5c', description: 'The new secret' })
  api_secret!: string;
}
