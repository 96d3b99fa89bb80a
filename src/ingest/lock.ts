import { randomBytes } from 'node:crypto';
import { readFileSync, readlinkSync } from 'node:fs';
import { open, readFile, rm, stat, type FileHandle } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { stop } from './problem.js';

/** The lock file's name in the data directory. */
export const LOCK_FILE = '.lock';

/**
 * Who holds (or judges) a lock. Injectable so tests can play writers on other hosts or in other pid
 * namespaces, where a pid alone says nothing: pid 1 in one container is not pid 1 in the next.
 */
export interface LockIdentity {
	readonly host: () => string;
	/** The kernel's boot id; undefined when unreadable (then a lock's liveness cannot be proved). */
	readonly bootId: () => string | undefined;
	/** The pid namespace (its /proc/self/ns/pid link); undefined when unreadable. */
	readonly pidNamespace: () => string | undefined;
	readonly pid: () => number;
	/** A process's start time (/proc/<pid>/stat field 22); undefined when unreadable. */
	readonly startTime: (pid: number) => string | undefined;
	readonly isAlive: (pid: number) => boolean;
}

export interface LockOptions {
	/** How long to wait for another ingest to finish, in milliseconds. Default 15 s. */
	readonly timeoutMs?: number;
	/** Pause between tries, in milliseconds (a random part is added). Default 50. */
	readonly retryMs?: number;
	/** How often the holder refreshes the lock's mtime, in milliseconds. Default 2 s. */
	readonly heartbeatMs?: number;
	/** A lock whose mtime is older than this is dead whoever holds it, in milliseconds. Default 60 s. */
	readonly staleMs?: number;
	/** This process as the lock sees it; the real one by default. */
	readonly identity?: LockIdentity;
}

/** A lock file that holds no pid yet is another process's, being written, for this long (ms). */
const EMPTY_LOCK_GRACE_MS = 2_000;
/** The breakers' guard is held for milliseconds; one older than this was left by a killed breaker. */
const GUARD_STALE_MS = 10_000;

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

function readOr(read: () => string): string | undefined {
	try {
		return read().trim() || undefined;
	} catch {
		return undefined;
	}
}

/** Field 22 of /proc/<pid>/stat: the start time in clock ticks since boot, which a reused pid does not share. */
export function procStartTime(pid: number): string | undefined {
	const stat = readOr(() => readFileSync(`/proc/${pid}/stat`, 'utf8'));
	if (stat === undefined) return undefined;
	// The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
	return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

/** The real identity, read from /proc where there is one. */
export const systemIdentity: LockIdentity = {
	host: () => hostname(),
	bootId: () => readOr(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8')),
	pidNamespace: () => readOr(() => readlinkSync('/proc/self/ns/pid')),
	pid: () => process.pid,
	startTime: procStartTime,
	isAlive,
};

/** What a lock file says: line 1 the pid (as older versions wrote it alone), line 2 the rest. */
interface LockRecord {
	readonly pid: number | undefined;
	readonly host: string | undefined;
	readonly boot: string | undefined;
	readonly ns: string | undefined;
	readonly start: string | undefined;
	readonly token: string | undefined;
}

function recordFor(identity: LockIdentity, token: string): LockRecord {
	const pid = identity.pid();
	return {
		pid,
		host: identity.host(),
		boot: identity.bootId(),
		ns: identity.pidNamespace(),
		// Without /proc a timestamp stands in: unique enough to tell, never comparable to /proc's.
		start: identity.startTime(pid) ?? `t${Math.round(Date.now() - process.uptime() * 1000)}`,
		token,
	};
}

function parseRecord(text: string): LockRecord {
	const [first = '', second = ''] = text.split('\n');
	const pid = /^\d+$/.test(first.trim()) ? Number(first.trim()) : undefined;
	let parsed: unknown;
	try {
		parsed = JSON.parse(second);
	} catch {
		// An older lock (a pid alone) or one being written.
	}
	const fields: Record<string, unknown> =
		typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
	// Only strings are trusted: anything else in a hand-edited lock counts as unknown.
	const field = (key: string): string | undefined => {
		const value = fields[key];
		return typeof value === 'string' ? value : undefined;
	};
	return {
		pid,
		host: field('host'),
		boot: field('boot'),
		ns: field('ns'),
		start: field('start'),
		token: field('token'),
	};
}

/** Creates the lock file holding our record, kept open for the heartbeat; undefined when it exists already. */
async function tryCreate(path: string, record: LockRecord): Promise<FileHandle | undefined> {
	let handle;
	try {
		handle = await open(path, 'wx');
	} catch (error) {
		if (errno(error) === 'EEXIST') return undefined;
		throw error;
	}
	try {
		await handle.writeFile(`${record.pid}\n${JSON.stringify(record)}\n`);
	} catch (error) {
		await handle.close();
		await rm(path, { force: true });
		throw error;
	}
	return handle;
}

interface Found {
	readonly record: LockRecord;
	readonly ino: number;
	readonly mtimeMs: number;
}

/** The lock file's record; null when the file is gone. */
async function holder(path: string): Promise<Found | null> {
	try {
		const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
		return { record: parseRecord(text), ino: info.ino, mtimeMs: info.mtimeMs };
	} catch (error) {
		if (errno(error) === 'ENOENT') return null;
		throw error;
	}
}

/**
 * Whether a lock is dead. Provably, when it names this host, boot and pid namespace and its pid is
 * gone or now another process (another start time); an older lock (a pid alone) is judged by its pid
 * as before. Otherwise, it might be alive where we cannot see: only a heartbeat stopped for `staleMs`
 * makes it dead, so writers in different namespaces never break each other's live lock.
 */
function isStale(found: Found, identity: LockIdentity, staleMs: number): boolean {
	const { record } = found;
	const age = Date.now() - found.mtimeMs;
	if (record.pid === undefined) return age >= EMPTY_LOCK_GRACE_MS;
	if (age >= staleMs) return true;
	if (record.token === undefined) return !identity.isAlive(record.pid);
	const here =
		record.host === identity.host() &&
		record.boot !== undefined &&
		record.boot === identity.bootId() &&
		record.ns !== undefined &&
		record.ns === identity.pidNamespace();
	if (!here) return false;
	if (!identity.isAlive(record.pid)) return true;
	const start = identity.startTime(record.pid);
	return start !== undefined && record.start !== undefined && !record.start.startsWith('t') && start !== record.start;
}

/**
 * Removes a stale lock. Breakers take turns through an exclusive guard file and re-check, under it,
 * that the lock is still the very file judged (same inode and token) and still stale: two breakers
 * cannot each remove a lock the other just took.
 */
async function removeIfStale(path: string, identity: LockIdentity, staleMs: number): Promise<boolean> {
	const found = await holder(path);
	if (found === null) return true;
	if (!isStale(found, identity, staleMs)) return false;
	const guard = `${path}.break`;
	let handle;
	try {
		handle = await open(guard, 'wx');
	} catch (error) {
		if (errno(error) !== 'EEXIST') throw error;
		const info = await stat(guard).catch(() => null);
		if (info !== null && Date.now() - info.mtimeMs > GUARD_STALE_MS) await rm(guard, { force: true });
		return false;
	}
	try {
		await handle.close();
		const again = await holder(path);
		if (again === null) return true;
		if (again.ino !== found.ino || again.record.token !== found.record.token) return false;
		if (!isStale(again, identity, staleMs)) return false;
		await rm(path, { force: true });
		return true;
	} finally {
		await rm(guard, { force: true });
	}
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function acquire(path: string, options: LockOptions, record: LockRecord): Promise<FileHandle> {
	const identity = options.identity ?? systemIdentity;
	const staleMs = options.staleMs ?? 60_000;
	const deadline = Date.now() + (options.timeoutMs ?? 15_000);
	for (;;) {
		const handle = await tryCreate(path, record);
		if (handle !== undefined) return handle;
		if (await removeIfStale(path, identity, staleMs)) continue;
		if (Date.now() > deadline) {
			const pid = (await holder(path))?.record.pid;
			stop(
				'locked',
				`the data directory is busy: another ingest${pid === undefined ? '' : ` (pid ${pid})`} holds ${path}; try again, or delete that file if no ingest is running`,
			);
		}
		await sleep((options.retryMs ?? 50) * (1 + Math.random()));
	}
}

/** Removes the lock if it is still ours (our token): one broken and retaken is the new holder's. */
async function release(path: string, token: string): Promise<void> {
	const found = await holder(path);
	if (found?.record.token === token) await rm(path, { force: true });
}

/**
 * Runs `fn` holding the data directory's lock: `.lock`, created exclusively (`wx`) and naming its
 * holder (host, boot id, pid namespace, pid, start time, a random token), so ingests by any process
 * take turns at the catalog. The holder refreshes the lock's mtime while it runs; a lock provably
 * dead, or silent past `staleMs`, is removed; any other is waited for, up to the timeout.
 */
export async function withLock<T>(dir: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
	const path = join(dir, LOCK_FILE);
	const token = randomBytes(16).toString('hex');
	const handle = await acquire(path, options, recordFor(options.identity ?? systemIdentity, token));
	// Through the open handle: the beat reaches our file only, never a lock taken after ours.
	const beat = setInterval(() => {
		const now = new Date();
		handle.utimes(now, now).catch(() => undefined);
	}, options.heartbeatMs ?? 2_000);
	beat.unref();
	try {
		return await fn();
	} finally {
		clearInterval(beat);
		await handle.close().catch(() => undefined);
		await release(path, token);
	}
}
