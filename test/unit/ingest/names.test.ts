import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../src/ingest/dom.js';
import { cleanPublisher, readPageMetadata, stripSiteName, stripSiteSuffix } from '../../../src/ingest/metadata.js';

const page = (head: string, body = '') =>
	parseDocument(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`);

describe('publisher names people recognise', () => {
	it('cuts a tagline longer than the name, or one that reads as a sentence', () => {
		expect(cleanPublisher('Aktuálně.cz - Víte, co se právě děje')).toBe('Aktuálně.cz');
		expect(cleanPublisher('Daily Ledger | News from the valley and beyond')).toBe('Daily Ledger');
		expect(cleanPublisher('The Ledger — All the news')).toBe('The Ledger');
		expect(cleanPublisher('Ledger: Independent journalism')).toBe('Ledger');
	});

	it('keeps a name with no tagline, or whose second part is part of the name', () => {
		expect(cleanPublisher('Le Monde.fr')).toBe('Le Monde.fr');
		expect(cleanPublisher('The Seattle Times')).toBe('The Seattle Times');
		expect(cleanPublisher('Yahoo!ニュース')).toBe('Yahoo!ニュース');
		expect(cleanPublisher('Mac & i - c’t')).toBe('Mac & i - c’t');
	});

	it('cleans og:site_name and JSON-LD publisher.name', () => {
		expect(
			readPageMetadata(page('<meta property="og:site_name" content="Aktuálně.cz - Víte, co se právě děje">'), undefined)
				.publisher,
		).toBe('Aktuálně.cz');
		const ld =
			'<script type="application/ld+json">{"@type":"NewsArticle","publisher":{"name":"Ledger | Your town, your news"}}</script>';
		expect(readPageMetadata(page(ld), undefined).publisher).toBe('Ledger');
	});

	it('falls back to the registrable domain of the host, inventing no name', () => {
		expect(readPageMetadata(page(''), 'https://www.nytimes.com/2017/01/13/world/x.html').publisher).toBe('nytimes.com');
		expect(readPageMetadata(page(''), 'https://finance.yahoo.com/news/x').publisher).toBe('yahoo.com');
		expect(readPageMetadata(page(''), 'https://news.bbc.co.uk/x').publisher).toBe('bbc.co.uk');
	});
});

describe('titles without the site suffix', () => {
	it('strips " | Site" and " - Site" when the suffix is the publisher, its tagline-form or its domain', () => {
		const site = '<meta property="og:site_name" content="Aktuálně.cz - Víte, co se právě děje">';
		expect(readPageMetadata(page(`${site}<title>West Ham hrozí gigantům - Aktuálně.cz</title>`), undefined).title).toBe(
			'West Ham hrozí gigantům',
		);
		expect(
			readPageMetadata(
				page('<meta property="og:title" content="Sudan sanctions lifted - NYTimes">'),
				'https://www.nytimes.com/x',
			).title,
		).toBe('Sudan sanctions lifted');
		expect(stripSiteSuffix('Zimbabwe coup | The Telegraph', ['The Telegraph'])).toBe('Zimbabwe coup');
	});

	it('keeps an og:title suffix that is not the site', () => {
		expect(stripSiteName('War and Peace - Part One', ['Ledger', 'ledger.example'])).toBe('War and Peace - Part One');
	});
});
