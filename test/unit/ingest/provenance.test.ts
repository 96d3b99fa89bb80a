import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../src/ingest/dom.js';
import { MAX_PUBLISHER_CHARS, MAX_TITLE_CHARS, MAX_URL_CHARS, parseCatalog } from '../../../src/core/catalog.js';
import { draftOf } from '../../../src/ingest/ingest.js';
import { readContent } from '../../../src/ingest/load.js';
import { readPageMetadata } from '../../../src/ingest/metadata.js';
import { claimsOtherSite, sameSite, siteOf } from '../../../src/ingest/site.js';
import { stripFormatCharacters } from '../../../src/ingest/text.js';

const page = (head: string) => parseDocument(`<!doctype html><html><head>${head}</head><body></body></html>`);

describe('siteOf', () => {
	it('is the registrable domain by the public suffix list, private suffixes included', () => {
		expect(siteOf('www.reuters.com')).toBe('reuters.com');
		expect(siteOf('news.bbc.co.uk')).toBe('bbc.co.uk');
		expect(siteOf('evil.github.io')).toBe('evil.github.io');
		expect(siteOf('127.0.0.1')).toBe('127.0.0.1');
		expect(siteOf('localhost')).toBe('localhost');
		expect(sameSite('https://www.reuters.com/a', 'http://uk.reuters.com/b')).toBe(true);
		expect(sameSite('https://reuters.com.evil.example/a', 'https://reuters.com/a')).toBe(false);
		expect(claimsOtherSite('reuters.com', 'https://throwaway.example/x')).toBe(true);
		expect(claimsOtherSite('Reuters', 'https://throwaway.example/x')).toBe(false);
	});
});

describe('readPageMetadata on a page claiming another site', () => {
	it("keeps a canonical link on the fetched URL's site and passes over one elsewhere, publisher and all", () => {
		const head =
			'<link rel="canonical" href="https://www.reuters.com/world/story"><meta property="og:site_name" content="Reuters">';
		expect(readPageMetadata(page(head), 'https://throwaway.example/story?utm_source=x')).toMatchObject({
			url: 'https://throwaway.example/story',
			publisher: 'throwaway.example',
		});
		expect(readPageMetadata(page(head), 'https://uk.reuters.com/world/story')).toMatchObject({
			url: 'https://www.reuters.com/world/story',
			publisher: 'Reuters',
		});
		const ogOnSite = `<link rel="canonical" href="https://other.example/a"><meta property="og:url" content="https://a.news.example/b">`;
		expect(readPageMetadata(page(ogOnSite), 'https://news.example/x').url).toBe('https://a.news.example/b');
	});

	it("holds fetched Markdown's front matter to the same rule; a local file's is the operator's", () => {
		const md =
			'---\ntitle: T\ndate: 2025-01-02\npublisher: reuters.com\nurl: https://reuters.com/a\n---\n\nSome text.\n';
		expect(readContent(md, 'markdown', 'x', 'https://throwaway.example/a.md').metadata).toMatchObject({
			url: 'https://throwaway.example/a.md',
			publisher: 'throwaway.example',
		});
		expect(readContent(md, 'markdown', 'a.md', undefined).metadata).toMatchObject({
			url: 'https://reuters.com/a',
			publisher: 'reuters.com',
		});
	});
});

describe('format characters', () => {
	it('drops bidi controls, isolates and zero-width characters (category Cf)', () => {
		expect(stripFormatCharacters('moc.\u202esretuer\u202c \u2066a\u2067b\u2068c\u2069 d\u200be\u200d\ufeff')).toBe(
			'moc.sretuer abc de',
		);
	});

	it('are stripped from title, publisher and authors, a field of nothing else falling back', () => {
		const draft = draftOf(
			{
				paragraphs: ['Text.'],
				metadata: {
					url: 'https://news.example/a',
					title: '\u202e\u200b',
					publisher: 'News\u2066 Daily\u2069',
					published: '2025-01-02',
					authors: ['\u202eAnn Lee', '\u200b'],
				},
				origin: 'x',
				aliases: [],
			},
			{},
			{ title: 'Feed \u2067title\u2069' },
		);
		expect(draft).toMatchObject({ title: 'Feed title', publisher: 'News Daily', authors: ['Ann Lee'] });
	});
});

describe('lengths a citation can carry', () => {
	const loaded = (metadata: Record<string, string>) => ({
		paragraphs: ['Text.'],
		metadata: { published: '2025-01-02', ...metadata },
		origin: 'x',
		aliases: [],
	});

	it('passes over a canonical address too long to cite for the fetched one', () => {
		const long = `https://news.example/${'a'.repeat(2_100)}`;
		expect(
			readContent(`---\ntitle: T\nurl: ${long}\n---\n\nText.\n`, 'markdown', 'x', 'https://news.example/a.md').metadata,
		).toMatchObject({
			url: 'https://news.example/a.md',
		});
	});

	it(`refuses an address longer than ${MAX_URL_CHARS} characters, and shortens a long title and publisher at a word`, () => {
		const url = `https://news.example/${'a'.repeat(MAX_URL_CHARS)}`;
		expect(() => draftOf(loaded({ url, title: 'T' }))).toThrow(/longer than 1000 characters/);
		const draft = draftOf(
			loaded({ url: 'https://news.example/a', title: 'word '.repeat(200), publisher: 'Daily '.repeat(40) }),
		);
		expect(draft.title.length).toBeLessThanOrEqual(MAX_TITLE_CHARS);
		expect(draft.title).toMatch(/word…$/);
		expect(draft.publisher.length).toBeLessThanOrEqual(MAX_PUBLISHER_CHARS);
	});

	it('refuses an over-long address in a hand-made catalog entry by its field, the rest loading', () => {
		const entry = (id: string, url: string) => ({
			id,
			file: `${id}.txt`,
			title: 'T',
			publisher: 'P',
			url,
			published: '2025-01-02',
		});
		const catalog = parseCatalog([
			entry('ok', 'https://a.example/x'),
			entry('long', `https://a.example/${'x'.repeat(MAX_URL_CHARS)}`),
		]);
		expect(catalog.sources.map((s) => s.id)).toEqual(['ok']);
		expect(catalog.problems).toMatchObject([{ id: 'long', field: 'url' }]);
	});
});
