import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DATA, ROOT } from '../helpers/corpus.js';
import { cli, runNode } from '../helpers/run.js';
import { copyDataDir, removeDataDir, startFixtureSite, type FixtureSite } from '../fixtures/ingest/server.js';

// The console (npm start without a token) holds a live corpus: sources added while it runs are
// answered without a restart, whether through /ingest or by `cli ingest` in another process.
let site: FixtureSite;
const dirs: string[] = [];
const freshDir = () => {
	const dir = copyDataDir(DEFAULT_DATA);
	dirs.push(dir);
	return dir;
};
const QUESTION = '/ask How many centimetres did Lake Sevan rise?';

beforeAll(async () => {
	site = await startFixtureSite();
});
afterAll(async () => {
	await site.close();
	for (const dir of dirs) removeDataDir(dir);
});

describe('a live corpus', () => {
	it('answers from an article added by /ingest in the same session', async () => {
		const env = { INDEX_DATA_DIR: freshDir(), ALLOW_PRIVATE_HOSTS: 'true', FETCH_PORTS: String(site.port) };
		const before = await runNode('dist/src/main.js', [], { input: `${QUESTION}\n`, env });
		expect(before.stdout).not.toContain('lake-sevan-rises');
		const r = await runNode('dist/src/main.js', [], {
			input: `/ingest url:${site.base}/article.html\n${QUESTION}\n`,
			env: { ...env, INDEX_DATA_DIR: freshDir() },
		});
		expect(r.code).toBe(0);
		expect(r.stdout).toContain('Added `caucasus-ledger-2025-10-14`');
		expect(r.stdout).toContain(`${site.base}/environment/2025/10/lake-sevan-rises-second-year#:~:text=`);
	});

	it('answers from an article that another process ingested while it ran', async () => {
		const dir = freshDir();
		const env = {
			PATH: process.env.PATH ?? '',
			INDEX_DATA_DIR: dir,
			ALLOW_PRIVATE_HOSTS: 'true',
			FETCH_PORTS: String(site.port),
			LOG_LEVEL: 'info',
		};
		const child = spawn(process.execPath, [join(ROOT, 'dist/src/main.js')], { cwd: ROOT, env });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
		child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
		const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
		await waitFor(() => stderr.includes('corpus loaded'));
		const added = await cli(['ingest', `${site.base}/article.html`], {
			env: { INDEX_DATA_DIR: dir, ALLOW_PRIVATE_HOSTS: 'true', FETCH_PORTS: String(site.port) },
		});
		expect(added.code).toBe(0);
		await waitFor(() => stderr.includes('sources changed live'), 15_000);
		child.stdin.end(`${QUESTION}\n`);
		await closed;
		expect(stdout).toContain(`${site.base}/environment/2025/10/lake-sevan-rises-second-year#:~:text=`);
	});
});

async function waitFor(condition: () => boolean, ms = 10_000): Promise<void> {
	const until = Date.now() + ms;
	while (!condition()) {
		if (Date.now() > until) throw new Error('timed out waiting');
		await new Promise((r) => setTimeout(r, 50));
	}
}
