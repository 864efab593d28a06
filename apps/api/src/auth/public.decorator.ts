import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'cobuild:isPublic';

/** The route answers without a bearer token (the BearerAuthGuard lets it through). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
