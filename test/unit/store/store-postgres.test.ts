import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgStore, WRITE_LOCK } from '../../../src/store/postgres/pg-store.js';
import { seedIfNew } from '../../../src/store/postgres/transfer.js';
import { DEFAULT_DATA } from '../../helpers/corpus.js';
import { freshDatabase, startTestCluster, terminateConnections, type Cluster } from '../../helpers/postgres.js';
import { storeContract } from './store-contract.js';

// A real PostgreSQL on 127.0.0.1 (see test/helpers/postgres.ts): no binaries fails this file, it never skips.
let cluster: Cluster;
let cache: string;
let url = '';
let n = 0;

beforeAll(async () => {
	cluster = await startTestCluster();
	cache = await mkdtemp(join(tmpdir(), 'verbatim-pg-cache-'));
});
afterAll(async () => {
	await cluster.destroy();
	await rm(cache, { recursive: true, force: true });
});

storeContract('PostgreSQL', {
	reset: async () => {
		url = await freshDatabase(cluster, `contract_${++n}`);
	},
	// The change poll is slowed so that only NOTIFY and the catch-up on reconnection are tested.
	open: () => openPgStore({ url, dataDir: cache, pollMs: 60_000 }),
	faults: {
		dropConnections: async () => {
			await terminateConnections(cluster, `contract_${n}`);
		},
		stopServer: () => cluster.kill(),
		startServer: () => cluster.start(),
	},
});

describe('PgStore', () => {
	it('refuses a write as locked, leaving nothing, when another holds the write lock past the timeout', async () => {
		const dbUrl = await freshDatabase(cluster, 'locked');
		const store = await openPgStore({ url: dbUrl, dataDir: cache, lockTimeoutMs: 300 });
		const holder = new pg.Client(dbUrl);
		await holder.connect();
		try {
			await holder.query('BEGIN');
			await holder.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
			const draft = {
				title: 'T',
				publisher: 'P',
				url: 'https://p.example/t',
				published: '2025-01-01',
				authors: [],
				paragraphs: ['A paragraph.'],
				aliases: [],
			};
			await expect(store.commit(draft)).rejects.toMatchObject({ code: 'locked' });
			await holder.query('ROLLBACK');
			expect((await store.readCatalog()).entries).toEqual([]);
			expect((await store.commit(draft)).status).toBe('added');
		} finally {
			await holder.end();
			await store.close();
		}
	});
});

describe('seedIfNew', () => {
	it('gives a database never written to the data directory’s sources once, and never again', async () => {
		const dbUrl = await freshDatabase(cluster, 'seed');
		const store = await openPgStore({ url: dbUrl, dataDir: cache });
		try {
			const empty = await mkdtemp(join(tmpdir(), 'verbatim-no-catalog-'));
			expect(await seedIfNew(store, empty)).toBe(false);
			await rm(empty, { recursive: true, force: true });
			const [first, second] = await Promise.all([seedIfNew(store, DEFAULT_DATA), seedIfNew(store, DEFAULT_DATA)]);
			expect([first, second].filter(Boolean)).toHaveLength(1);
			expect((await store.readCatalog()).entries).toHaveLength(5);
			expect(await seedIfNew(store, DEFAULT_DATA)).toBe(false);
		} finally {
			await store.close();
		}
	});
});
