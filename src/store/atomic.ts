import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Writes a file so that readers see the old content or the new, never a part: the data goes to a
 * temporary file beside it, is flushed to disk, and is renamed over the target; then the directory
 * is flushed too, so the rename itself is on disk.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
	const temp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
	try {
		const handle = await open(temp, 'w');
		try {
			await handle.writeFile(data);
			await handle.sync();
		} finally {
			await handle.close();
		}
		await rename(temp, path);
	} catch (error) {
		await rm(temp, { force: true });
		throw error;
	}
	await syncDirectory(dirname(path));
}

/**
 * Flushes a directory's entries, so a rename in it survives a power cut (the file's bytes were
 * flushed, but without this the directory may still name the old file, or none). Windows cannot
 * open a directory for this, and some file systems refuse it: there the rename stands as it is.
 */
async function syncDirectory(dir: string): Promise<void> {
	if (process.platform === 'win32') return;
	let handle;
	try {
		handle = await open(dir, 'r');
		await handle.sync();
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code !== 'EINVAL' && code !== 'ENOTSUP' && code !== 'EISDIR' && code !== 'EPERM') throw error;
	} finally {
		await handle?.close();
	}
}
