import { createParamDecorator, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '@cobuild/auth';
import type { AuthenticatedRequest } from './authenticated-request';

/** The caller set by the BearerAuthGuard; 401 if the route was reached without one. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new UnauthorizedException({ code: 'AUTH.MISSING_TOKEN', detail: 'This request needs a bearer token' });
  return principal;
});
