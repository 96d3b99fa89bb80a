import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { stop } from './problem.js';

/** The lock file's name in the data directory. */
export const LOCK_FILE = '.lock';

export interface LockOptions {
	/** How long to wait for another ingest to finish, in milliseconds. Default 15 s. */
	readonly timeoutMs?: number;
	/** Pause between tries, in milliseconds (a random part is added). Default 50. */
	readonly retryMs?: number;
}

/** A lock file that holds no pid yet is another process's, being written, for this long (ms). */
const EMPTY_LOCK_GRACE_MS = 2_000;

/** Whether a process with this pid exists (EPERM: it does, and is someone else's). */
export function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

const errno = (error: unknown) => (error as NodeJS.ErrnoException).code;

/** Creates the lock file holding our pid; false when it exists already. */
async function tryCreate(path: string): Promise<boolean> {
	let handle;
	try {
		handle = await open(path, 'wx');
	} catch (error) {
		if (errno(error) === 'EEXIST') return false;
		throw error;
	}
	try {
		await handle.writeFile(`${process.pid}\n`);
	} finally {
		await handle.close();
	}
	return true;
}

/** The pid in a lock file; undefined when it holds none (yet), null when the file is gone. */
async function holder(path: string): Promise<{ pid: number | undefined; ino: number; mtimeMs: number } | null> {
	try {
		const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
		const pid = /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined;
		return { pid, ino: info.ino, mtimeMs: info.mtimeMs };
	} catch (error) {
		if (errno(error) === 'ENOENT') return null;
		throw error;
	}
}

/**
 * Removes the lock when its process is dead (or it stayed empty past the grace time). It is moved
 * aside first and checked to be the very file judged, so a lock taken meanwhile is put back.
 */
async function removeIfStale(path: string): Promise<boolean> {
	const found = await holder(path);
	if (found === null) return true;
	if (found.pid !== undefined ? isAlive(found.pid) : Date.now() - found.mtimeMs < EMPTY_LOCK_GRACE_MS) return false;
	const aside = `${path}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
	try {
		await rename(path, aside);
	} catch (error) {
		if (errno(error) === 'ENOENT') return true;
		throw error;
	}
	if ((await stat(aside)).ino !== found.ino) await link(aside, path).catch(() => undefined);
	await rm(aside, { force: true });
	return true;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function acquire(path: string, options: LockOptions): Promise<void> {
	const deadline = Date.now() + (options.timeoutMs ?? 15_000);
	for (;;) {
		if (await tryCreate(path)) return;
		if (await removeIfStale(path)) continue;
		if (Date.now() > deadline) {
			const pid = (await holder(path))?.pid;
			stop(
				'locked',
				`the data directory is busy: another ingest${pid === undefined ? '' : ` (pid ${pid})`} holds ${path}; try again, or delete that file if no ingest is running`,
			);
		}
		await sleep((options.retryMs ?? 50) * (1 + Math.random()));
	}
}

/** Removes the lock if it is still ours. */
async function release(path: string): Promise<void> {
	const found = await holder(path);
	if (found?.pid === process.pid) await rm(path, { force: true });
}

/**
 * Runs `fn` holding the data directory's lock: `.lock`, created exclusively (`wx`) and holding our
 * pid, so ingests by any process take turns at the catalog. A lock whose process died is removed;
 * a live one is waited for, up to the timeout.
 */
export async function withLock<T>(dir: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
	const path = join(dir, LOCK_FILE);
	await acquire(path, options);
	try {
		return await fn();
	} finally {
		await release(path);
	}
}
