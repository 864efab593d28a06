import { Logger } from '@nestjs/common';
import type { JwtModuleOptions } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../../../common/src/config';

/** HS256 with COBUILD_JWT_SECRET; without one, a random per-process secret (never a fixed default). */
export function jwtOptions(config: AppConfig): JwtModuleOptions {
  const { jwtSecret, jwtIssuer, jwtTtlSeconds } = config.auth;
  let secret = jwtSecret;
  if (!secret) {
    secret = randomBytes(48).toString('base64url');
    Logger.warn(
      'COBUILD_JWT_SECRET is not set: bearer tokens are signed with a random secret and will not survive a restart',
      'cobuild',
    );
  }
  return {
    secret,
    signOptions: { algorithm: 'HS256', issuer: jwtIssuer, expiresIn: jwtTtlSeconds },
    verifyOptions: { algorithms: ['HS256'], issuer: jwtIssuer },
  };
}
