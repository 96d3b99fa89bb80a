import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCatalog } from '../../src/core/catalog.js';
import { commitDraft, type Draft } from '../../src/ingest/commit.js';
import { LOCK_FILE, withLock, type LockIdentity } from '../../src/ingest/lock.js';

const roots: string[] = [];
const emptyDir = () => {
	const root = mkdtempSync(join(tmpdir(), 'verbatim-lock-'));
	roots.push(root);
	mkdirSync(join(root, 'data'));
	return join(root, 'data');
};
afterAll(() => {
	for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/**
 * A writer in its own pid namespace on a shared host: it sees its own pid (4242, like its rival's)
 * alive with its own start time, and cannot see the rival's process at all.
 */
const namespaced = (ns: string, start: string, pid = 4242): LockIdentity => ({
	host: () => 'shared-host',
	bootId: () => 'boot-1',
	pidNamespace: () => ns,
	pid: () => pid,
	startTime: (p) => (p === pid ? start : undefined),
	isAlive: (p) => p === pid,
});

const draft = (name: string): Draft => ({
	title: `On ${name}`,
	publisher: 'Lock Gazette',
	url: `https://lock.example/${name}`,
	published: '2025-01-02',
	authors: ['A. Writer'],
	paragraphs: [`The whole text of ${name}, which no other source shares.`],
	aliases: [],
});

const catalogUrls = (dir: string) =>
	parseCatalog(JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8')) as unknown[]).sources.map((s) => s.url);

describe('the lock across pid namespaces', () => {
	it('loses no entry in 20 rounds of two writers claiming the same pid in different namespaces', async () => {
		const dir = emptyDir();
		const a = namespaced('pid:[1]', '100');
		const b = namespaced('pid:[2]', '200');
		const want: string[] = [];
		for (let round = 0; round < 20; round++) {
			const names = [`a-${round}`, `b-${round}`, `a2-${round}`, `b2-${round}`];
			const outcomes = await Promise.all(
				names.map((name, i) =>
					commitDraft(dir, draft(name), { lock: { identity: i % 2 === 0 ? a : b, retryMs: 1, heartbeatMs: 20 } }),
				),
			);
			expect(outcomes.map((o) => o.status)).toEqual(['added', 'added', 'added', 'added']);
			want.push(...names.map((name) => `https://lock.example/${name}`));
		}
		expect(catalogUrls(dir).sort()).toEqual(want.sort());
		expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
	});

	it('breaks a stale lock naming pid 1 with another start time on the same host and boot', async () => {
		const dir = emptyDir();
		const me = namespaced('pid:[1]', '500', 1);
		await withLock(dir, () => Promise.resolve(), { identity: me });
		const stale = { pid: 1, host: 'shared-host', boot: 'boot-1', ns: 'pid:[1]', start: '7', token: 'x'.repeat(32) };
		writeFileSync(join(dir, LOCK_FILE), `1\n${JSON.stringify(stale)}\n`);
		expect(await withLock(dir, () => Promise.resolve('in'), { identity: me, timeoutMs: 1_000 })).toBe('in');
	});

	it('keeps a lock naming pid 1 with its very start time (the holder is alive)', async () => {
		const dir = emptyDir();
		const me = namespaced('pid:[1]', '500', 1);
		await withLock(dir, () => Promise.resolve(), { identity: me });
		const live = { pid: 1, host: 'shared-host', boot: 'boot-1', ns: 'pid:[1]', start: '500', token: 'y'.repeat(32) };
		writeFileSync(join(dir, LOCK_FILE), `1\n${JSON.stringify(live)}\n`);
		await expect(withLock(dir, () => Promise.resolve(1), { identity: me, timeoutMs: 200 })).rejects.toMatchObject({
			code: 'locked',
		});
	});

	it('waits on a fresh lock from another namespace until its heartbeat stops', async () => {
		const dir = emptyDir();
		const holder = namespaced('pid:[1]', '100');
		const waiter = namespaced('pid:[2]', '200');
		const order: string[] = [];
		let release = () => {};
		const held = withLock(
			dir,
			() =>
				new Promise<void>((resolve) => {
					order.push('holder in');
					release = () => {
						order.push('holder out');
						resolve();
					};
				}),
			{ identity: holder, heartbeatMs: 20 },
		);
		await new Promise((resolve) => setTimeout(resolve, 50));
		const waiting = withLock(dir, () => Promise.resolve(order.push('waiter in')), {
			identity: waiter,
			staleMs: 300,
			retryMs: 10,
		});
		// Well past staleMs: the live holder's heartbeat keeps its lock fresh.
		await new Promise((resolve) => setTimeout(resolve, 800));
		expect(order).toEqual(['holder in']);
		release();
		await Promise.all([held, waiting]);
		expect(order).toEqual(['holder in', 'holder out', 'waiter in']);

		// A holder that went silent (no heartbeat: its mtime stays old) is broken once staleMs passed.
		const silent = { pid: 4242, host: 'elsewhere', boot: 'boot-9', ns: 'pid:[9]', start: '1', token: 'z'.repeat(32) };
		writeFileSync(join(dir, LOCK_FILE), `4242\n${JSON.stringify(silent)}\n`);
		await expect(
			withLock(dir, () => Promise.resolve(1), { identity: waiter, staleMs: 300, timeoutMs: 100 }),
		).rejects.toMatchObject({ code: 'locked' });
		const old = new Date(Date.now() - 1_000);
		utimesSync(join(dir, LOCK_FILE), old, old);
		expect(await withLock(dir, () => Promise.resolve('in'), { identity: waiter, staleMs: 300 })).toBe('in');
	});
});

describe('the text hash in the catalog', () => {
	it('records each new entry’s text hash and finds a duplicate by it without reading the file', async () => {
		const dir = emptyDir();
		const first = await commitDraft(dir, draft('hashed'));
		expect(first.status).toBe('added');
		const raw = JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8')) as Record<string, unknown>[];
		expect(raw[0]?.['textHash']).toMatch(/^[0-9a-f]{64}$/);
		// The file gone: only the recorded hash can say the text is there already.
		rmSync(join(dir, first.source.file));
		const again = await commitDraft(dir, { ...draft('hashed'), url: 'https://lock.example/elsewhere' });
		expect(again).toMatchObject({ status: 'unchanged', reason: 'text', source: { id: first.source.id } });
	});

	it('still hashes the files of older entries that record none', async () => {
		const dir = emptyDir();
		const first = await commitDraft(dir, draft('older'));
		const raw = JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8')) as Record<string, unknown>[];
		writeFileSync(join(dir, 'sources.json'), JSON.stringify(raw.map(({ textHash: _hash, ...rest }) => rest)));
		const again = await commitDraft(dir, { ...draft('older'), url: 'https://lock.example/other' });
		expect(again).toMatchObject({ status: 'unchanged', reason: 'text', source: { id: first.source.id } });
	});
});
