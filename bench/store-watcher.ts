import { openPgStore } from '../src/store/postgres/pg-store.js';
import { dirStore } from '../src/store/dir-store.js';
import type { Store } from '../src/store/store.js';

/**
 * One "other process" of the store bench (bench/stores.ts): opens the store named on the command
 * line (`dir <path>` or `pg <url> <cache dir>`), watches it, and on each change prints how many
 * catalog entries it now reads and the wall-clock ms, until its stdin ends.
 */
async function main(): Promise<void> {
	const [kind, where, cache] = process.argv.slice(2);
	if (where === undefined || (kind !== 'dir' && kind !== 'pg'))
		throw new Error('usage: store-watcher dir|pg <where> [cache]');
	const store: Store = kind === 'dir' ? dirStore(where) : await openPgStore({ url: where, dataDir: cache ?? where });
	const stop = store.watch(() => {
		void store.readCatalog().then(
			(c) => process.stdout.write(`${c.entries.length} ${Date.now()}\n`),
			() => undefined,
		);
	});
	process.stdout.write('ready\n');
	process.stdin.resume();
	process.stdin.on('end', () => {
		stop();
		void store.close().then(() => process.exit(0));
	});
}

main().catch((error: unknown) => {
	process.stderr.write(`store-watcher: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
