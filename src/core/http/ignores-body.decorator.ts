import { SetMetadata } from '@nestjs/common';

export const IGNORES_BODY = 'ignores-body';

/** The route takes no body, so an unreadable one is not an error (the reference ignores it). */
export const IgnoresBody = () => SetMetadata(IGNORES_BODY, true);
