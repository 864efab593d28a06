import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { holdsAnyRole, type GrantRole, type Principal } from '@cobuild/auth';
import { ALLOWED_ROLES } from './allow.decorator';

export type AuthedRequest = import('express').Request & { id?: string; principal?: Principal; allowedRoles?: GrantRole[] };

/**
 * Runs after authentication on every endpoint with @Allow: refuses callers who hold none of the
 * roles (the scope check against the target happens in the command gateway once the target is known).
 */
@Injectable()
export class RoleGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<GrantRole[] | undefined>(ALLOWED_ROLES, [context.getHandler(), context.getClass()]);
    if (!roles) return true;
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    if (!req.principal) throw new UnauthorizedException({ code: 'AUTH.UNAUTHENTICATED', detail: 'Sign in first' });
    if (!holdsAnyRole(req.principal, roles))
      throw new ForbiddenException({ code: 'AUTH.ROLE_NOT_ALLOWED', detail: `This needs one of the roles: ${roles.join(', ')}` });
    req.allowedRoles = roles;
    return true;
  }
}
