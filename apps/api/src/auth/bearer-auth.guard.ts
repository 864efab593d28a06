import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Response } from 'express';
import { AccountsService, isApiToken, type Principal } from '@cobuild/auth';
import type { AuthenticatedRequest } from './authenticated-request';
import { IS_PUBLIC } from './public.decorator';

/**
 * `Authorization: Bearer <jwt>` (from POST /auth/login) or `Bearer cbt_...` (an API token). Sets
 * `request.principal`. The grants come from the account as it stands (a cached fold is used only
 * while the account stream's revision in the store is unchanged), never from the token: disabling
 * an account or revoking a role or token takes effect on the next request, in every API process. Routes marked @Public() pass.
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly accounts: AccountsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const deny = (code: string, detail: string): never => {
      http.getResponse<Response>().setHeader?.('WWW-Authenticate', 'Bearer realm="cobuild"');
      throw new UnauthorizedException({ code, detail });
    };
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!match) return deny('AUTH.MISSING_TOKEN', 'This request needs an Authorization: Bearer token');
    const principal = await this.authenticate(match[1]);
    if (!principal) return deny('AUTH.INVALID_TOKEN', 'The bearer token is invalid or expired, or its account is disabled');
    request.principal = principal;
    return true;
  }

  /** the principal of a bearer token (JWT or API token), or null; also used by the queue dashboard */
  async authenticate(token: string): Promise<Principal | null> {
    if (isApiToken(token)) return this.accounts.verifyApiToken(token);
    let sub: unknown;
    try {
      ({ sub } = await this.jwt.verifyAsync<{ sub?: unknown }>(token));
    } catch {
      return null;
    }
    return typeof sub === 'string' ? this.accounts.principalOf(sub, 'password') : null;
  }
}
