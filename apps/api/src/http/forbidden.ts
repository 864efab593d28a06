import { ForbiddenException } from '@nestjs/common';

export const forbidden = (detail = 'This is outside the scope of your roles') =>
  new ForbiddenException({ code: 'AUTH.OUT_OF_SCOPE', detail });
