import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type pg from 'pg';
import { projectRoot } from '../../app.js';

/** Where the plain SQL migrations are: the source tree's, read from dist/ too (no copy step to forget). */
export const MIGRATIONS_DIR = join(projectRoot(), 'src', 'store', 'postgres', 'migrations');

/** Any number; the same in every process, so two starting at once migrate one after the other. */
const MIGRATION_LOCK = 0x76657262;

/**
 * Applies the migrations not yet applied, in name order (`NNN_name.sql`), each in a transaction with
 * its row in `schema_migrations`; returns the names applied now.
 */
export async function migrate(client: pg.ClientBase, dir: string = MIGRATIONS_DIR): Promise<string[]> {
	const names = (await readdir(dir)).filter((n) => /^\d{3}_[\w-]+\.sql$/.test(n)).sort();
	await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
	try {
		await client.query(
			'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
		);
		const done = new Set(
			(await client.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name),
		);
		const applied: string[] = [];
		for (const name of names.filter((n) => !done.has(n))) {
			const sql = await readFile(join(dir, name), 'utf8');
			await client.query('BEGIN');
			try {
				await client.query(sql);
				await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
				await client.query('COMMIT');
			} catch (error) {
				await client.query('ROLLBACK').catch(() => undefined);
				throw new Error(`migration ${name} failed: ${(error as Error).message}`, { cause: error });
			}
			applied.push(name);
		}
		return applied;
	} finally {
		await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
	}
}
