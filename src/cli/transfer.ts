import { copyFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../env.js';
import { LEXICON_FILE } from '../store/lexicon-file.js';
import type { Store } from '../store/store.js';
import { parseCommandArgs } from './args.js';

/** What import and export run with: the store DATABASE_URL opened. */
export interface TransferContext {
	readonly store: Store;
	readonly write: (line: string) => void;
}

/** The PostgreSQL store, or a UsageError: import and export move a data directory into and out of it. */
async function pgStoreOf(store: Store, command: string) {
	const { PgStore } = await import('../store/postgres/pg-store.js');
	if (!(store instanceof PgStore))
		throw new UsageError(`${command} moves a data directory into or out of PostgreSQL: set DATABASE_URL`);
	return store;
}

function oneDir(args: string[], command: string, flags: Record<string, { type: 'boolean' }>) {
	const { values, positionals } = parseCommandArgs(args, flags);
	const [dir, ...extra] = positionals;
	if (dir === undefined || extra.length > 0) throw new UsageError(`${command} needs one directory: ${command} <dir>`);
	return { dir, values };
}

const isFile = (path: string) =>
	stat(path).then(
		(s) => s.isFile(),
		() => false,
	);

/**
 * lexicon.json stays a local file (INDEX_DATA_DIR) with the database: an import brings the data
 * directory's along unless INDEX_DATA_DIR has one (`overwrite` false), an export takes it back, so
 * the exported directory is the imported one whole.
 */
async function copyLexicon(from: string, to: string, overwrite = false): Promise<boolean> {
	const source = join(from, LEXICON_FILE);
	const target = join(to, LEXICON_FILE);
	if (!(await isFile(source)) || (!overwrite && (await isFile(target)))) return false;
	await copyFile(source, target);
	return true;
}

const summary = (n: { sources: number; texts: number; feeds: number; auditLines: number }) =>
	`${n.sources} catalog entries, ${n.texts} texts, ${n.feeds} feeds, ${n.auditLines} audit lines`;

/**
 * `import <dir> [--replace]`: a data directory into the database, in one transaction; a database
 * that holds sources already is refused unless --replace.
 */
export async function runImport(args: string[], context: TransferContext): Promise<number> {
	const { dir, values } = oneDir(args, 'import', { replace: { type: 'boolean' } });
	const store = await pgStoreOf(context.store, 'import');
	const { importDataDir, TransferError } = await import('../store/postgres/transfer.js');
	try {
		const done = await importDataDir(store, dir, { replace: values.replace === true });
		context.write(`imported ${summary(done)} from ${dir}`);
		if (await copyLexicon(dir, store.dataDir)) context.write(`copied ${LEXICON_FILE} to ${store.dataDir}`);
		return 0;
	} catch (error) {
		if (error instanceof TransferError) throw new UsageError(error.message);
		throw error;
	}
}

/** `export <dir>`: the database as a data directory, into a new (or empty) directory. */
export async function runExport(args: string[], context: TransferContext): Promise<number> {
	const { dir } = oneDir(args, 'export', {});
	const store = await pgStoreOf(context.store, 'export');
	const { exportDataDir, TransferError } = await import('../store/postgres/transfer.js');
	try {
		const done = await exportDataDir(store, dir);
		await copyLexicon(store.dataDir, dir, true);
		context.write(`exported ${summary(done)} to ${dir}`);
		return 0;
	} catch (error) {
		if (error instanceof TransferError) throw new UsageError(error.message);
		throw error;
	}
}
