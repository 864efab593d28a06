import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const PUBLIC_ROUTE = 'cobuild:public-route';

/** No sign-in needed (health, login, the public notice board, objections, metrics with its own token). */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiExtension('x-allowed-roles', ['public']));
