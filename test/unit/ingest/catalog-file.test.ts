import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCatalog, type Source } from '../../../src/core/catalog.js';
import { appendEntry, findByUrl, textHash } from '../../../src/ingest/catalog-file.js';
import { cleanUrl, urlKey } from '../../../src/ingest/url.js';
import { DEFAULT_DATA } from '../../helpers/corpus.js';

const entry: Source = {
	id: 'new-2025-01-02',
	file: 'new-2025-01-02.txt',
	title: 'New',
	publisher: 'New',
	url: 'https://new.example/a',
	published: '2025-01-02',
	library: 'shared',
	authors: ['A. B'],
};

describe('appendEntry', () => {
	it('keeps the catalog’s text byte for byte and adds the entry in the same layout', () => {
		const text = readFileSync(join(DEFAULT_DATA, 'sources.json'), 'utf8');
		const out = appendEntry({ text, entries: JSON.parse(text) as unknown[] }, entry);
		expect(out.startsWith(text.trimEnd().slice(0, -1).trimEnd())).toBe(true);
		expect(out.endsWith('    "authors": ["A. B"]\n  }\n]\n')).toBe(true);
		const { sources, problems } = parseCatalog(JSON.parse(out));
		expect(problems).toEqual([]);
		expect(sources.at(-1)).toEqual(entry);
	});

	it('starts a catalog, fills an empty one, and rewrites an odd layout rather than break it', () => {
		expect(JSON.parse(appendEntry({ text: undefined, entries: [] }, entry))).toEqual([entry]);
		expect(JSON.parse(appendEntry({ text: '[ ]\n', entries: [] }, entry))).toEqual([entry]);
		const odd = '[{"id": "x"}] // trailing';
		expect(JSON.parse(appendEntry({ text: odd, entries: [{ id: 'x' }] }, entry))).toEqual([{ id: 'x' }, entry]);
		const keeps = appendEntry({ text: '[{"id": 1, "bad": true}]', entries: [{ id: 1, bad: true }] }, entry);
		expect((JSON.parse(keeps) as unknown[])[0]).toEqual({ id: 1, bad: true });
	});
});

describe('same article', () => {
	it('compares URLs without scheme, www, trailing slash, fragment or tracking parameters', () => {
		expect(urlKey('https://www.Example.com/a/b/?utm_source=x&id=2#top')).toBe(urlKey('http://example.com/a/b?id=2'));
		expect(urlKey('https://example.com/a?id=2')).not.toBe(urlKey('https://example.com/a?id=3'));
		expect(urlKey('ftp://example.com/a')).toBeUndefined();
		expect(cleanUrl(new URL('https://example.com/a?fbclid=1&q=x#frag'))).toBe('https://example.com/a?q=x');
		const sources = [{ ...entry, url: 'https://new.example/a/' }];
		expect(findByUrl(sources, ['http://www.new.example/a?utm_medium=rss'])).toBe(sources[0]);
		expect(findByUrl(sources, ['https://new.example/b'])).toBeUndefined();
	});

	it('hashes text by its paragraphs, whitespace normalized', () => {
		expect(textHash('One  para.\r\n\n Two\u00a0para. \n')).toBe(textHash('One para.\nTwo para.\n'));
		expect(textHash('One para.\nTwo para.')).not.toBe(textHash('One para. Two para.'));
	});
});
