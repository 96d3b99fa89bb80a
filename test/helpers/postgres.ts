import pg from 'pg';
import { startCluster, type Cluster } from '../../bench/postgres-cluster.js';

export type { Cluster };

/**
 * A throwaway PostgreSQL cluster for one test file (see bench/postgres-cluster.ts for where its
 * binaries come from). It fails, never skips, when there are none: a store test that did not run
 * must not read as one that passed.
 */
export const startTestCluster = (): Promise<Cluster> => startCluster();

/** A fresh database on the cluster, so each test starts empty; returns its URL. */
export async function freshDatabase(cluster: Cluster, name: string): Promise<string> {
	const client = new pg.Client(cluster.url);
	await client.connect();
	try {
		await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
		await client.query(`CREATE DATABASE ${name}`);
	} finally {
		await client.end();
	}
	return cluster.url.replace(/\/postgres$/, `/${name}`);
}

/** Ends every other connection to a database (a network drop as the server sees it). */
export async function terminateConnections(cluster: Cluster, database: string): Promise<number> {
	const client = new pg.Client(cluster.url);
	await client.connect();
	try {
		const { rowCount } = await client.query(
			'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
			[database],
		);
		return rowCount ?? 0;
	} finally {
		await client.end();
	}
}
