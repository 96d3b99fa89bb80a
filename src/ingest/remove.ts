import { join } from 'node:path';
import { parseCatalog, type Library, type Source } from '../core/catalog.js';
import type { Result } from '../core/result.js';
import { writeFileAtomic } from '../store/atomic.js';
import { audit } from './audit.js';
import { CATALOG_FILE, readRawCatalog, withoutEntry } from './catalog-file.js';
import { OPERATOR, setAside } from './commit.js';
import { withLock, type LockOptions } from './lock.js';
import { IngestStop, problem, stop, type IngestProblem } from './problem.js';

/** The source `id` of `library` in the catalog, decided once for both stores; none is `usage`. */
export function findRemovable(entries: readonly unknown[], id: string, library: Library): Source {
	const source = parseCatalog(entries).sources.find((s) => s.id === id && s.library === library);
	if (source === undefined) stop('usage', `no source "${id.slice(0, 80)}" in the ${library} library`);
	return source;
}

export interface RemoveOptions {
	/** Who removes it: a Discord user id; the operator unless told. */
	readonly by?: string;
	readonly lock?: LockOptions;
	readonly now?: Date;
}

/**
 * Takes source `id` out of `library`: under the directory's lock the catalog is written without its
 * entry (atomically: a process killed at any point leaves it before or after), then its text file
 * is set aside in `.removed/` for an operator to restore by hand, and the audit record says who
 * and when. A source of another library is not touched: `no such source` in this one.
 */
export async function removeSource(
	dir: string,
	id: string,
	library: Library,
	options: RemoveOptions = {},
): Promise<Result<Source, IngestProblem>> {
	try {
		const removed = await withLock(
			dir,
			async () => {
				const now = options.now ?? new Date();
				const catalog = await readRawCatalog(dir);
				const source = findRemovable(catalog.entries, id, library);
				await writeFileAtomic(join(dir, CATALOG_FILE), withoutEntry(catalog, id));
				const after = parseCatalog((await readRawCatalog(dir)).entries).sources;
				if (after.some((s) => s.id === id))
					stop('data-dir', `the catalog in ${dir} still names ${id} (another writer?); remove it again`);
				await setAside(dir, source.file, now);
				await audit(dir, { action: 'remove', library, id, url: source.url, by: options.by ?? OPERATOR }, now);
				return source;
			},
			options.lock,
		);
		return { ok: true, value: removed };
	} catch (error) {
		if (error instanceof IngestStop) return { ok: false, error: error.problem };
		return { ok: false, error: problem('data-dir', `could not remove ${id}: ${(error as Error).message}`) };
	}
}
