import { mkdir } from 'node:fs/promises';
import { dataDir } from '../app.js';
import type { Env } from '../env.js';
import type { Logger } from '../log.js';
import type { Store } from './store.js';

/**
 * The store the environment names: PostgreSQL when DATABASE_URL is set (INDEX_DATA_DIR, created if
 * missing, keeps the index cache and lexicon.json), else the data directory. With `seed` (npm start),
 * a database never written to first takes the data directory's sources (see seedIfNew). Imported when needed,
 * so a data-directory run never loads the database client.
 */
export async function openStore(
	env: Pick<Env, 'DATABASE_URL' | 'INDEX_DATA_DIR'>,
	log?: Logger,
	options: { readonly seed?: boolean } = {},
): Promise<Store> {
	const dir = dataDir(env);
	if (env.DATABASE_URL === undefined) return (await import('./dir-store.js')).dirStore(dir);
	await mkdir(dir, { recursive: true });
	const { openPgStore } = await import('./postgres/pg-store.js');
	const store = await openPgStore({ url: env.DATABASE_URL, dataDir: dir, ...(log === undefined ? {} : { log }) });
	if (options.seed === true) {
		const { seedIfNew } = await import('./postgres/transfer.js');
		if (await seedIfNew(store, dir)) log?.info({ from: dir }, 'a new database: the data directory’s sources imported');
	}
	return store;
}
