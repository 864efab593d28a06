import type { Harness, Role, World } from '../harness';

/**
 * One row of the authorisation matrix: how to call an endpoint on a thing that lives in
 * community A of the harness world (or in its street / district / a unit / a person).
 * The matrix test calls it with every role, once with a grant whose scope contains the thing and
 * once with a grant whose scope does not, and without a token; it asserts allow (the endpoint's
 * documented success status) or deny (401 without a token, 403 otherwise) from its own table
 * (expected-roles.ts).
 */
export interface EndpointExample {
  /** as in the OpenAPI document, e.g. 'POST /needs/{needId}/list' */
  operation: string;
  /**
   * Builds one request. Called once per (role, in/out of scope) pair, so it must create a fresh
   * target each time when the command can succeed only once (e.g. listing a need).
   * `setup` is a token with every role in community A's scope, for preparing things.
   */
  prepare(ctx: ExampleContext): Promise<PreparedRequest>;
}

export interface ExampleContext {
  h: Harness;
  world: World;
  /** a token holding every staff role for community A, its street and district (for set-up) */
  setup: string;
  /**
   * true when the call is expected to succeed: the example must then prepare a target of its own
   * (`once` does not share it), since a success changes it
   */
  fresh?: boolean;
}

export interface PreparedRequest {
  /** the concrete path, e.g. `/needs/${id}/list` */
  path: string;
  body?: unknown;
  /**
   * Where the target lives; decides which grant is "in scope" for each role.
   * Community A, street 0 and the world's district are implied; give the rest when they matter.
   */
  /** the API's clock during the call (a term or an objection period that has ended), instead of the wall clock */
  now?: Date;
  /**
   * For the few calls whose success no single example can reach for every allowed role: the exact
   * answer an allowed caller gets instead (a rule's refusal, past authorisation). Say why.
   */
  allowedAnswer?: { status: number; code: string };
  scope?: {
    /** when the thing is not in community A / street 0 / the world's district (e.g. a new district) */
    districtId?: string;
    streetId?: string;
    communityId?: string;
    unitId?: string;
    selfId?: string;
    departmentId?: string;
  };
}

export type { Role };
