import { OmitType, PartialType } from '@nestjs/swagger';
import { CreateAppDto } from './create-app.dto';

/** Changes to an app: any column but the alias; `null` leaves a column as it is (except
 * `description`, which it clears). */
export class UpdateAppDto extends PartialType(OmitType(CreateAppDto, ['alias_id'] as const)) {}
