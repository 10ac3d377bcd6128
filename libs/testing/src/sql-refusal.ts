import type { Client } from 'pg';

/** SQLSTATE 42501: what PostgreSQL answers a role that lacks the privilege. */
export const INSUFFICIENT_PRIVILEGE = '42501';

/** The SQLSTATE a statement fails with, or 'no error': how the roles specs show what a service role may not do. */
export async function sqlStateOf(db: Client, sql: string): Promise<string> {
  try {
    await db.query(sql);
    return 'no error';
  } catch (error) {
    return String((error as { code?: string }).code);
  }
}
