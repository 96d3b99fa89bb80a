import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';

/**
 * Writes a file so that readers see the old content or the new, never a part: the data goes to a
 * temporary file beside it, is flushed to disk, and is renamed over the target.
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
}
