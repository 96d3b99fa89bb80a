import { readFile } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import type { Source } from '../core/catalog.js';
import { err, ok, type Result } from '../core/result.js';

/**
 * A source's text, read from its file in the data directory; a problem naming the source when the
 * file lies outside the directory (`../../etc/passwd`) or cannot be read.
 */
export async function readSourceFile(dir: string, source: Source): Promise<Result<string>> {
	const root = resolve(dir);
	const path = resolve(root, source.file);
	if (!path.startsWith(root + sep))
		return err({ id: source.id, field: 'file', message: `${source.file} lies outside the data directory` });
	try {
		return ok(await readFile(path, 'utf8'));
	} catch {
		return err({ id: source.id, field: 'file', message: `cannot read ${relative(root, path)}` });
	}
}
