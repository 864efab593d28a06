/**
 * Usernames are unique without a side table: each lower-cased username has a stream
 * `username-<name>` whose first event, appended with expected revision `no_stream`, claims it for
 * one account. Of two concurrent claims exactly one append succeeds.
 */
export const usernameCategory = 'username';
export const usernameStreamName = (username: string): string => `${usernameCategory}-${username.toLowerCase()}`;

/** The username now belongs to `accountId`. A later claim in the same stream (an orphaned claim retaken) wins. */
export interface UsernameClaimed {
  type: 'UsernameClaimed';
  data: { username: string; accountId: string };
}

/**
 * API tokens are found by id the same way: `apitoken-<tokenId>` holds one `ApiTokenBound`
 * naming the account whose stream has the token's `ApiTokenIssued` (secret hash, expiry, revocation).
 */
export const apiTokenCategory = 'apitoken';
export const apiTokenStreamName = (tokenId: string): string => `${apiTokenCategory}-${tokenId}`;

export interface ApiTokenBound {
  type: 'ApiTokenBound';
  data: { tokenId: string; accountId: string };
}

export const lookupEventVersions = { UsernameClaimed: 1, ApiTokenBound: 1 } as const;
