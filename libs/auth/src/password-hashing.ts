import * as argon2 from 'argon2';

/** argon2id with the library's defaults (64 MiB, 3 passes, 4 lanes). */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/**
 * A fixed argon2id hash (same parameters) of a random string nobody knows: verified against when
 * the username is unknown, so that answer takes as long as a wrong password.
 */
const DUMMY_HASH = '$argon2id$v=19$m=65536,t=3,p=4$jgiTJ+zHgY1U7Ivhxu+6PQ$LL+DL/n8cDO/BLwIRxQXDL0KiPBCCHSz5+LVJvjdWTc';

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  try {
    const ok = await argon2.verify(hash ?? DUMMY_HASH, password);
    return ok && hash !== null;
  } catch {
    return false;
  }
}
