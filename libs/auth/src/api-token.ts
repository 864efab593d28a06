import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** API tokens: `cbt_<tokenId>_<secret>`; only the hex SHA-256 of the secret is stored. */
const TOKEN = /^cbt_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

export interface NewApiTokenSecret {
  tokenId: string;
  secret: string;
  token: string;
  secretHash: string;
}

export function newApiTokenSecret(): NewApiTokenSecret {
  const tokenId = randomBytes(16).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { tokenId, secret, token: `cbt_${tokenId}_${secret}`, secretHash: sha256Hex(secret) };
}

export const isApiToken = (value: string): boolean => value.startsWith('cbt_');

export function parseApiToken(token: string): { tokenId: string; secret: string } | null {
  const m = TOKEN.exec(token);
  return m ? { tokenId: m[1], secret: m[2] } : null;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export function secretMatches(secret: string, secretHash: string): boolean {
  const a = Buffer.from(sha256Hex(secret), 'hex');
  const b = Buffer.from(secretHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
