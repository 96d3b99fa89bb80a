import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openPgStore } from '../../../src/store/postgres/pg-store.js';
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
