import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	citation,
	overlongLines,
	parseCatalog,
	publishedLabel,
	splitParagraphs,
	UNKNOWN_DATE,
} from '../../../src/core/catalog.js';
import { MAX_PARAGRAPH_CHARS } from '../../../src/core/text/bound-paragraph.js';
import { ROOT } from '../../helpers/corpus.js';

describe('parseCatalog', () => {
	it('loads the default catalog whole', () => {
		const { sources, problems } = parseCatalog(JSON.parse(readFileSync(join(ROOT, 'index-data/sources.json'), 'utf8')));
		expect(sources).toHaveLength(5);
		expect(problems).toEqual([]);
	});

	it('reports each bad entry by id and field and keeps the good ones', () => {
		const raw: unknown = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/broken-catalog/sources.json'), 'utf8'));
		const { sources, problems } = parseCatalog(raw);
		expect(sources.map((s) => s.id)).toEqual(['good-one', 'no-file', 'escape']);
		expect(problems).toContainEqual(expect.objectContaining({ id: 'bad-date', field: 'published' }));
		expect(problems).toContainEqual(expect.objectContaining({ id: 'bad-url', field: 'url' }));
		expect(problems).toContainEqual(expect.objectContaining({ id: '#5', field: 'id' }));
	});

	it('loads an entry with no publication date: its date is unknown, never guessed', () => {
		const { sources, problems } = parseCatalog([
			{ id: 'u', file: 'u.txt', title: 'T', publisher: 'P', url: 'https://u.example' },
		]);
		expect(problems).toEqual([]);
		expect(sources[0]!.published).toBeUndefined();
		expect(publishedLabel(sources[0]!)).toBe(UNKNOWN_DATE);
		expect(citation(sources[0]!)).not.toHaveProperty('published');
		expect(publishedLabel({ published: '2024-01-01' })).toBe('2024-01-01');
	});

	it('refuses a catalog that is not an array, and a duplicate id', () => {
		expect(parseCatalog({}).problems).toHaveLength(1);
		const entry = {
			id: 'a',
			file: 'a.txt',
			title: 'T',
			publisher: 'P',
			url: 'https://a.example',
			published: '2024-01-01',
			library: 'shared',
		};
		const { sources, problems } = parseCatalog([entry, entry]);
		expect(sources).toHaveLength(1);
		expect(problems[0]).toMatchObject({ id: 'a', field: 'id' });
	});
});

const source = {
	id: 's',
	file: 's.txt',
	title: 'T',
	publisher: 'P',
	url: 'https://s.example',
	published: '2024-01-01',
	library: 'shared',
	authors: [],
};

describe('splitParagraphs', () => {
	it('numbers non-empty lines from 0 and keeps them byte for byte', () => {
		const ps = splitParagraphs(source, 'One.  \n\n  \nTwo “quoted”.\r\n\n');
		expect(ps.map((p) => [p.n, p.text])).toEqual([
			[0, 'One.  '],
			[1, 'Two “quoted”.'],
		]);
	});
});

describe('overlong lines', () => {
	const long = 'Dr. Smith said the vote was close. '.repeat(1_000).trim();
	const text = `First.\n\n${long}\nLast.\n`;

	it('serve as verbatim paragraphs within the cap, cut at sentence ends and numbered on', () => {
		const ps = splitParagraphs(source, text);
		expect(ps.length).toBeGreaterThan(3);
		expect(ps.map((p) => p.n)).toEqual(ps.map((_, i) => i));
		expect(ps[0]?.text).toBe('First.');
		expect(ps.at(-1)?.text).toBe('Last.');
		for (const p of ps.slice(1, -1)) {
			expect(p.text.length).toBeLessThanOrEqual(MAX_PARAGRAPH_CHARS);
			expect(long).toContain(p.text);
			expect(p.text).toMatch(/^Dr\. .*close\.$/);
		}
		expect(
			ps
				.slice(1, -1)
				.map((p) => p.text)
				.join(' '),
		).toBe(long);
	});

	it('are each named with their source and line, and a file without one gives no warning', () => {
		expect(overlongLines(source, text)).toEqual([
			{ id: 's', field: 'line 3', message: expect.stringContaining(`${long.length} characters`) as string },
		]);
		expect(overlongLines(source, 'One.\nTwo.\n')).toEqual([]);
	});
});
