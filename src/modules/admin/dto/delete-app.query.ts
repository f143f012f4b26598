import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

/** `DELETE /workflow/v1/admin/apps/{alias_id}?force=true`. */
export class DeleteAppQuery {
  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description: "Delete the app's bindings too (otherwise an app with bindings is refused: 20012)",
  })
  @IsOptional()
  // query values are text: only "true"/"false" become booleans, anything else is refused (460)
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  force?: boolean;
}
