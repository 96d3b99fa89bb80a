import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Source } from '../../../src/core/catalog.js';
import { loadDataDir } from '../../../src/store/data-dir.js';
import { MAX_SOURCE_BYTES, readSourceFile } from '../../../src/store/source-file.js';

let root: string;
let dir: string;

const source = (id: string, file = `${id}.txt`): Source => ({
	id,
	file,
	title: `Title ${id}`,
	publisher: 'Test',
	url: `https://news.example/${id}`,
	published: '2025-01-02',
	library: 'shared',
	authors: [],
});

/** mkfifo where the system has it; the FIFO case is skipped (and says so) where it does not. */
function makeFifo(path: string): boolean {
	try {
		execFileSync('mkfifo', [path], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

beforeEach(async () => {
	root = await mkdtemp(join(tmpdir(), 'verbatim-source-file-'));
	dir = join(root, 'data');
	await mkdir(dir);
	await writeFile(join(dir, 'good.txt'), 'The harbour crane was installed on Monday.\n');
	await writeFile(join(root, 'secret.txt'), 'outside the data directory\n');
});
afterEach(async () => {
	await rm(root, { recursive: true, force: true });
});

describe('readSourceFile', () => {
	it('reads a regular file inside the data directory', async () => {
		expect(await readSourceFile(dir, source('good'))).toEqual({
			ok: true,
			value: 'The harbour crane was installed on Monday.\n',
		});
	});

	it('refuses a symlink out of the data directory, a directory, /proc and an oversized file, naming the source', async () => {
		await symlink(join(root, 'secret.txt'), join(dir, 'link.txt'));
		await mkdir(join(dir, 'folder.txt'));
		await symlink(root, join(dir, 'up'));
		await writeFile(join(dir, 'big.txt'), '');
		await truncate(join(dir, 'big.txt'), MAX_SOURCE_BYTES + 1);
		const cases: [Source, RegExp][] = [
			[source('link'), /link\.txt is a symbolic link/],
			[source('folder'), /folder\.txt is not a regular file/],
			[source('through', 'up/secret.txt'), /lies outside the data directory/],
			[source('proc', '../../../../../../../proc/self/status'), /lies outside the data directory/],
			[source('big'), /big\.txt is larger than 5 MB/],
		];
		for (const [s, message] of cases)
			expect(await readSourceFile(dir, s), s.id).toEqual({
				ok: false,
				error: { id: s.id, field: 'file', message: expect.stringMatching(message) as string },
			});
	});

	it('refuses a FIFO without blocking on it (skipped where mkfifo is missing)', async (context) => {
		if (!makeFifo(join(dir, 'pipe.txt'))) return context.skip('no mkfifo on this system');
		expect(await readSourceFile(dir, source('pipe'))).toMatchObject({
			ok: false,
			error: { id: 'pipe', field: 'file', message: 'pipe.txt is not a regular file' },
		});
	});

	it('loads the other sources when some are refused', async () => {
		await symlink(join(root, 'secret.txt'), join(dir, 'link.txt'));
		const fifo = makeFifo(join(dir, 'pipe.txt'));
		const catalog = [source('good'), source('link'), ...(fifo ? [source('pipe')] : [])];
		await writeFile(join(dir, 'sources.json'), JSON.stringify(catalog));
		const { corpus, report } = await loadDataDir(dir);
		expect(corpus.sources.map((s) => s.id)).toEqual(['good']);
		expect(report.problems.map((p) => p.id)).toEqual(['link', ...(fifo ? ['pipe'] : [])]);
	});
});
