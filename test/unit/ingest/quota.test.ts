import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Source } from '../../../src/core/catalog.js';
import { IngestStop } from '../../../src/ingest/problem.js';
import { checkQuotas, fileSizeIn, type Quotas, type RecordedSize } from '../../../src/ingest/quota.js';

const dir = mkdtempSync(join(tmpdir(), 'verbatim-quota-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const source = (id: string, library: string): Source => ({
	id,
	file: `${id}.txt`,
	title: id,
	publisher: 'P',
	url: `https://a.example/${id}`,
	published: '2025-01-01',
	authors: [],
	library,
});

const QUOTAS: Quotas = { maxTotalBytes: 1_000, librarySources: 2, libraryParagraphs: 10 };
const A = 'guild:111111111111111111';
const B = 'guild:222222222222222222';

/** The problem code checkQuotas stopped with, or undefined when the addition fits. */
async function refusal(
	sources: Source[],
	sizes: Map<string, RecordedSize>,
	library: string,
	added: { bytes: number; paragraphs: number },
	replacing?: Source,
): Promise<string | undefined> {
	try {
		await checkQuotas(fileSizeIn(dir), sources, sizes, library, added, QUOTAS, replacing);
		return undefined;
	} catch (error) {
		if (error instanceof IngestStop) return error.code;
		throw error;
	}
}

describe('checkQuotas', () => {
	it('holds a server to its number of sources, counting its own only', async () => {
		const sources = [source('a1', A), source('a2', A), source('b1', B), source('s1', 'shared')];
		const sizes = new Map(sources.map((s) => [s.id, { bytes: 10, paragraphs: 1 }]));
		expect(await refusal(sources, sizes, A, { bytes: 10, paragraphs: 1 })).toBe('full');
		expect(await refusal(sources, sizes, B, { bytes: 10, paragraphs: 1 })).toBeUndefined();
		// A new version replaces its old one: no more sources than before.
		expect(await refusal(sources, sizes, A, { bytes: 10, paragraphs: 1 }, sources[0])).toBeUndefined();
	});

	it('holds a server to its paragraphs, and the shared library to nothing but the total', async () => {
		const sources = [source('b1', B), source('s1', 'shared'), source('s2', 'shared'), source('s3', 'shared')];
		const sizes = new Map(sources.map((s) => [s.id, { bytes: 10, paragraphs: 6 }]));
		expect(await refusal(sources, sizes, B, { bytes: 10, paragraphs: 5 })).toBe('full');
		expect(await refusal(sources, sizes, B, { bytes: 10, paragraphs: 4 })).toBeUndefined();
		expect(await refusal(sources, sizes, 'shared', { bytes: 10, paragraphs: 500 })).toBeUndefined();
	});

	it('holds everything together to the total size, reading the size of older entries from their files', async () => {
		writeFileSync(join(dir, 'old.txt'), 'x'.repeat(900));
		const sources = [source('old', 'shared')];
		expect(await refusal(sources, new Map(), 'shared', { bytes: 50, paragraphs: 1 })).toBeUndefined();
		expect(await refusal(sources, new Map(), 'shared', { bytes: 150, paragraphs: 1 })).toBe('full');
		expect(await refusal(sources, new Map(), B, { bytes: 150, paragraphs: 1 })).toBe('full');
	});
});
