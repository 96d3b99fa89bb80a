import { constants } from 'node:fs';
import { lstat, open, realpath } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import type { Source } from '../core/catalog.js';
import { err, ok, type Result } from '../core/result.js';
import { FETCH_DEFAULTS } from '../ingest/fetch.js';

/** Largest source file read, in bytes: no more than an ingest would have stored. */
export const MAX_SOURCE_BYTES = FETCH_DEFAULTS.maxBytes;

const inside = (root: string, path: string) => path.startsWith(root + sep);

/**
 * Why a source's path is not read, or undefined when it may be: it must name a regular file (not a
 * symlink, FIFO, device or directory: a FIFO would hang the load, a symlink could reach `/etc`),
 * whose real path, every directory resolved, lies inside the data directory's, and which holds at
 * most {@link MAX_SOURCE_BYTES} (`/proc` files and runaway logs stay out of the index).
 */
async function refusal(root: string, path: string): Promise<string | undefined> {
	const info = await lstat(path);
	if (info.isSymbolicLink()) return 'is a symbolic link; source files must be regular files';
	if (!info.isFile()) return 'is not a regular file';
	if (!inside(await realpath(root), await realpath(path))) return 'lies outside the data directory';
	if (info.size > MAX_SOURCE_BYTES) return `is larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MB`;
	return undefined;
}

/**
 * Reads a regular file, refusing it if it changed into something else since it was checked: opened
 * without following a symlink and without blocking (so a FIFO swapped in cannot hang the load).
 */
async function readRegular(path: string): Promise<string> {
	const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
	try {
		const info = await handle.stat();
		if (!info.isFile() || info.size > MAX_SOURCE_BYTES) throw new Error('not a regular file of a fit size');
		return await handle.readFile('utf8');
	} finally {
		await handle.close();
	}
}

/**
 * A source's text, read from its file in the data directory; a problem naming the source and why
 * when the file lies outside the directory (`../../etc/passwd`, a symlink out), is no regular file
 * or too large (see {@link refusal}), or cannot be read.
 */
export async function readSourceFile(dir: string, source: Source): Promise<Result<string>> {
	const root = resolve(dir);
	const path = resolve(root, source.file);
	if (!inside(root, path))
		return err({ id: source.id, field: 'file', message: `${source.file} lies outside the data directory` });
	const name = relative(root, path);
	try {
		const why = await refusal(root, path);
		if (why !== undefined) return err({ id: source.id, field: 'file', message: `${name} ${why}` });
		return ok(await readRegular(path));
	} catch {
		return err({ id: source.id, field: 'file', message: `cannot read ${name}` });
	}
}
