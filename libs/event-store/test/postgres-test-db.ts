import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

/** The real PostgreSQL server the tests use (CI starts it); each store gets its own schema. */
export const TEST_POSTGRES_URL = process.env.COBUILD_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export function uniqueSchema(prefix = 't'): string {
  return `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
}

/** Drops every schema handed out, after the suite. */
export class SchemaJanitor {
  private readonly schemas: string[] = [];
  next(prefix?: string): string {
    const s = uniqueSchema(prefix);
    this.schemas.push(s);
    return s;
  }
  async dropAll(): Promise<void> {
    const pool = new Pool({ connectionString: TEST_POSTGRES_URL, max: 1 });
    try {
      for (const s of this.schemas) await pool.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    } finally {
      await pool.end();
    }
  }
}
