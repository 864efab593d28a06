import type { Request } from 'express';
import type { Principal } from '@cobuild/auth';

/** A request the BearerAuthGuard let through: `principal` is the caller, re-read from its account. */
export interface AuthenticatedRequest extends Request {
  principal?: Principal;
}
