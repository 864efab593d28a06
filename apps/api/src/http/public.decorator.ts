import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { IS_PUBLIC } from '../auth/public.decorator';

/**
 * No sign-in needed (health, login, the public notice board, objections, metrics with its own
 * token). Published in OpenAPI as `x-allowed-roles: [public]` for the authorisation matrix.
 */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension('x-allowed-roles', ['public']));
