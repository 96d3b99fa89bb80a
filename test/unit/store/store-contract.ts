import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCatalog, type Source } from '../../../src/core/catalog.js';
import type { Draft, IngestOutcome } from '../../../src/ingest/commit.js';
import { IngestStop } from '../../../src/ingest/problem.js';
import type { Store } from '../../../src/store/store.js';

/**
 * The store contract: the same suite for the data directory and PostgreSQL (store-dir.test.ts,
 * store-postgres.test.ts), so both give the same outcomes, refusals, audit record and change
 * notices. `faults` (PostgreSQL only) stops and restarts the server and drops connections.
 */
export interface StoreHarness {
	/** A fresh, empty backing for one test. */
	reset(): Promise<void>;
	/** A new store on the current backing: another process's view (its own connections, for PostgreSQL). */
	open(): Promise<Store>;
	readonly faults?: {
		/** Ends every connection to the test's database. */
		dropConnections(): Promise<void>;
		stopServer(): Promise<void>;
		startServer(): Promise<void>;
	};
}

const NOW = new Date('2026-01-02T03:04:05.000Z');
const GUILD = 'guild:111111111111111111';

const draft = (n: number, over: Partial<Draft> = {}): Draft => ({
	title: `Story ${n}`,
	publisher: 'Example News',
	url: `https://news.example/story-${n}`,
	published: '2025-01-01',
	authors: [],
	paragraphs: [`The council met on day ${n} to discuss the bridge.`, `Story ${n} ends here.`],
	aliases: [],
	host: 'news.example',
	...over,
});

/** Polls until `check` holds, for at most `ms`. */
async function until(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
	const end = Date.now() + ms;
	while (Date.now() < end) {
		if (await check()) return true;
		await new Promise((r) => setTimeout(r, 25));
	}
	return check();
}

const sourcesOf = async (store: Store): Promise<readonly Source[]> =>
	parseCatalog((await store.readCatalog()).entries).sources;

/** The problem code a commit stopped with. */
async function refusal(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
		return 'none';
	} catch (error) {
		if (error instanceof IngestStop) return error.code;
		throw error;
	}
}

const brief = (o: IngestOutcome) => ({
	status: o.status,
	id: o.source.id,
	file: o.source.file,
	...(o.status === 'unchanged' ? { reason: o.reason } : {}),
});

export function storeContract(name: string, harness: StoreHarness): void {
	describe(`${name} store contract`, () => {
		const opened: Store[] = [];
		const open = async () => {
			const store = await harness.open();
			opened.push(store);
			return store;
		};
		beforeEach(() => harness.reset());
		afterEach(async () => {
			for (const store of opened.splice(0)) await store.close();
		});

		it('adds, finds a page again by URL and by text, updates a changed article, removes', async () => {
			const store = await open();
			const added = await store.commit(draft(1), { now: NOW });
			const again = await store.commit(draft(1), { now: NOW });
			const sameText = await store.commit(draft(1, { url: 'https://news.example/copy-of-1' }), { now: NOW });
			const changed = await store.commit(draft(1, { paragraphs: ['The council changed its mind.'] }), { now: NOW });
			expect([added, again, sameText, changed].map(brief)).toEqual([
				{ status: 'added', id: 'example-news-2025-01-01', file: 'example-news-2025-01-01.txt' },
				{ status: 'unchanged', id: 'example-news-2025-01-01', file: 'example-news-2025-01-01.txt', reason: 'url' },
				{ status: 'unchanged', id: 'example-news-2025-01-01', file: 'example-news-2025-01-01.txt', reason: 'text' },
				{
					status: 'updated',
					id: 'example-news-2025-01-01',
					file: expect.stringMatching(/^example-news-2025-01-01\.[0-9a-f]{8}\.txt$/),
				},
			]);
			const [only] = await sourcesOf(store);
			expect(only?.file).toBe(changed.source.file);
			expect(await store.readText(only!)).toBe('The council changed its mind.\n');
			const loaded = await store.loadTexts();
			expect(loaded.texts.map((t) => [t.source.id, t.text])).toEqual([
				['example-news-2025-01-01', 'The council changed its mind.\n'],
			]);
			expect(await store.removeSource(only!.id, 'shared', { now: NOW })).toMatchObject({ ok: true });
			expect(await store.removeSource(only!.id, 'shared', { now: NOW })).toMatchObject({
				ok: false,
				error: { code: 'usage' },
			});
			expect(await sourcesOf(store)).toEqual([]);
			const audit = (await store.readAudit()).split('\n').filter((l) => l !== '');
			expect(audit.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual(
				['add', 'update', 'remove'].map((action) => ({
					at: NOW.toISOString(),
					action,
					library: 'shared',
					id: 'example-news-2025-01-01',
					url: 'https://news.example/story-1',
					by: 'operator',
				})),
			);
		});

		it("refuses past a library's quota, and a remove from another library, changing nothing", async () => {
			const store = await open();
			const quotas = { maxTotalBytes: 1_000_000, librarySources: 1, libraryParagraphs: 100 };
			expect((await store.commit(draft(1, { library: GUILD }), { now: NOW, quotas })).status).toBe('added');
			expect(await refusal(store.commit(draft(2, { library: GUILD }), { now: NOW, quotas }))).toBe('full');
			const [source] = await sourcesOf(store);
			expect(await store.removeSource(source!.id, 'shared')).toMatchObject({ ok: false, error: { code: 'usage' } });
			expect((await sourcesOf(store)).map((s) => s.id)).toEqual([source!.id]);
		});

		it('subscribes a library to a feed once, lists and unsubscribes it', async () => {
			const store = await open();
			const change = { library: GUILD, by: '222222222222222222', now: NOW, maxFeeds: 1 };
			const first = await store.addFeed('https://news.example/feed.xml?utm_source=x', change);
			expect(first).toMatchObject({
				ok: true,
				value: { added: true, entry: { url: 'https://news.example/feed.xml' } },
			});
			expect(await store.addFeed('https://news.example/feed.xml', change)).toMatchObject({
				ok: true,
				value: { added: false },
			});
			expect(await store.addFeed('https://other.example/feed.xml', change)).toMatchObject({
				ok: false,
				error: { code: 'full' },
			});
			expect(await store.listFeeds()).toEqual([
				{
					url: 'https://news.example/feed.xml',
					library: GUILD,
					addedBy: '222222222222222222',
					addedAt: NOW.toISOString(),
				},
			]);
			expect(await store.removeFeed('https://news.example/feed.xml', change)).toMatchObject({ ok: true });
			expect(await store.removeFeed('https://news.example/feed.xml', change)).toMatchObject({
				ok: false,
				error: { code: 'usage' },
			});
			expect(await store.listFeeds()).toEqual([]);
			const actions = (await store.readAudit())
				.split('\n')
				.filter((l) => l !== '')
				.map((l) => (JSON.parse(l) as { action: string }).action);
			expect(actions).toEqual(['feed-add', 'feed-remove']);
		});

		it('adds a page once when two writers add it at the same moment', async () => {
			const [a, b] = [await open(), await open()];
			for (let n = 1; n <= 3; n++) {
				const outcomes = await Promise.all([a.commit(draft(n)), b.commit(draft(n))]);
				expect(outcomes.map((o) => o.status).sort()).toEqual(['added', 'unchanged']);
			}
			expect(await sourcesOf(a)).toHaveLength(3);
		});

		it('loses and doubles nothing when one writer adds while another removes', async () => {
			const [a, b] = [await open(), await open()];
			for (let n = 1; n <= 6; n++) await a.commit(draft(n));
			const old = (await sourcesOf(a)).map((s) => s.id);
			const adding = (async () => {
				for (let n = 7; n <= 12; n++) await a.commit(draft(n));
			})();
			const removing = (async () => {
				for (const id of old) expect((await b.removeSource(id, 'shared')).ok).toBe(true);
			})();
			await Promise.all([adding, removing]);
			const left = await sourcesOf(b);
			expect(left.map((s) => s.title).sort()).toEqual([7, 8, 9, 10, 11, 12].map((n) => `Story ${n}`).sort());
			expect(new Set(left.map((s) => s.id)).size).toBe(6);
			expect((await b.readAudit()).split('\n').filter((l) => l !== '')).toHaveLength(18);
		});

		it("tells a second instance about another's additions and removals", async () => {
			const [a, b] = [await open(), await open()];
			let calls = 0;
			const stop = b.watch(() => calls++);
			try {
				await new Promise((r) => setTimeout(r, 300));
				const before = calls;
				const added = await a.commit(draft(1));
				expect(await until(() => calls > before, 2_000)).toBe(true);
				const seen = (await sourcesOf(b)).map((s) => s.id);
				expect(seen).toEqual([added.source.id]);
				const mid = calls;
				await a.removeSource(added.source.id, 'shared');
				expect(await until(() => calls > mid, 2_000)).toBe(true);
				expect(await sourcesOf(b)).toEqual([]);
			} finally {
				stop();
			}
		});

		const faults = harness.faults;
		if (faults !== undefined) {
			it('catches up on a change made while its connection was down', async () => {
				const b = await open();
				let calls = 0;
				const stop = b.watch(() => calls++);
				try {
					await new Promise((r) => setTimeout(r, 300));
					await faults.dropConnections();
					const before = calls;
					// The writer's pooled connections were dropped too: a fresh instance writes.
					const c = await open();
					await c.commit(draft(1));
					expect(await until(() => calls > before, 3_000)).toBe(true);
					expect(await sourcesOf(b)).toHaveLength(1);
				} finally {
					stop();
				}
			});

			it('refuses writes while the server is down, leaving nothing, and catches up after it restarts', async () => {
				const [a, b] = [await open(), await open()];
				await a.commit(draft(1));
				let calls = 0;
				const stop = b.watch(() => calls++);
				try {
					await new Promise((r) => setTimeout(r, 300));
					await faults.stopServer();
					expect(await refusal(a.commit(draft(2)))).toBe('store-unavailable');
					expect(await a.removeSource('example-news-2025-01-01', 'shared')).toMatchObject({
						ok: false,
						error: { code: 'store-unavailable' },
					});
					expect(await a.addFeed('https://news.example/feed.xml', { library: GUILD, by: 'x' })).toMatchObject({
						ok: false,
						error: { code: 'store-unavailable' },
					});
					await faults.startServer();
					const before = calls;
					// The first write after the restart is accepted: a pooled connection the restart ended is replaced.
					const outcome = await a.commit(draft(3));
					expect(outcome.status).toBe('added');
					expect((await sourcesOf(a)).map((s) => s.title)).toEqual(['Story 1', 'Story 3']);
					expect(await a.listFeeds()).toEqual([]);
					expect(await until(() => calls > before, 6_000)).toBe(true);
				} finally {
					stop();
				}
			});
		}
	});
}
