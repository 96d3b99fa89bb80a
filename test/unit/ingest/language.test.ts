import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../../../src/core/catalog.js';
import { parseDocument } from '../../../src/ingest/dom.js';
import { draftOf } from '../../../src/ingest/ingest.js';
import { DETECT_MIN_CHARS, detectLanguage, normalizeLanguage } from '../../../src/ingest/language.js';
import { readContent } from '../../../src/ingest/load.js';
import { readPageMetadata } from '../../../src/ingest/metadata.js';

const FRENCH = [
	'Le conseil municipal de Valbrune a voté mardi soir l’interdiction des voitures dans le centre historique, une mesure qui entrera en vigueur le premier septembre après des mois de débats.',
	'Selon la maire, les commerçants du quartier recevront une aide exceptionnelle pour compenser la baisse de la fréquentation pendant les travaux de réaménagement des rues piétonnes.',
	'Les opposants dénoncent une décision prise sans véritable consultation des habitants des quartiers périphériques, qui craignent de ne plus pouvoir accéder aux services du centre.',
];
const PORTUGUESE = [
	'O governo de Santa Olívia anunciou na segunda-feira que as eleições legislativas serão antecipadas para março, depois da demissão inesperada do primeiro-ministro na semana passada.',
	'Os partidos da oposição acusaram o executivo de esconder o verdadeiro estado das contas públicas durante vários meses e exigiram uma auditoria independente antes da votação.',
];
const ENGLISH = [
	'Lindmark city council voted on Tuesday to close the old harbour bridge to cars from next spring, after engineers found cracks in two of the supports that carry its central span.',
	'The mayor said repairs would cost about 40 million crowns and take at least three years, and that a ferry would run between the two banks while the work goes on.',
];

const html = (attrs: string, head: string, paragraphs: readonly string[]) =>
	`<!doctype html><html${attrs}><head><title>Une page</title>${head}</head><body><article><h1>Titre</h1>${paragraphs
		.map((p) => `<p>${p}</p>`)
		.join('')}</article></body></html>`;

describe('normalizeLanguage', () => {
	it('keeps the primary subtag, lowercase, and maps three-letter codes that have two', () => {
		expect(normalizeLanguage('pt_BR')).toBe('pt');
		expect(normalizeLanguage('en-US')).toBe('en');
		expect(normalizeLanguage(' FR ')).toBe('fr');
		expect(normalizeLanguage('fra')).toBe('fr');
		expect(normalizeLanguage('und')).toBeUndefined();
		expect(normalizeLanguage('x-default')).toBeUndefined();
		expect(normalizeLanguage('')).toBeUndefined();
		expect(normalizeLanguage(undefined)).toBeUndefined();
	});
});

describe('a page’s language', () => {
	const page = (attrs: string, head = '') => parseDocument(html(attrs, head, ['Texte.']));

	it('is read from <html lang>, then xml:lang, then og:locale, then a language meta', () => {
		expect(readPageMetadata(page(' lang="fr-FR"'), undefined).language).toBe('fr');
		expect(readPageMetadata(page(' xml:lang="es"'), undefined).language).toBe('es');
		expect(readPageMetadata(page('', '<meta property="og:locale" content="pt_BR">'), undefined).language).toBe('pt');
		expect(
			readPageMetadata(page('', '<meta http-equiv="Content-Language" content="cs, en">'), undefined).language,
		).toBe('cs');
		// <html lang> wins over og:locale.
		expect(
			readPageMetadata(page(' lang="de"', '<meta property="og:locale" content="en_US">'), undefined).language,
		).toBe('de');
		expect(readPageMetadata(page(''), undefined).language).toBeUndefined();
	});

	it('is detected from the article text when the page does not say', () => {
		const read = readContent(html('', '', FRENCH), 'html', 'test', 'https://news.example.org/a');
		expect(read.metadata.language).toBe('fr');
		const said = readContent(html(' lang="pt"', '', FRENCH), 'html', 'test', 'https://news.example.org/a');
		expect(said.metadata.language).toBe('pt');
	});

	it('is detected in Markdown and plain text, and left unsaid on text too short to tell', () => {
		expect(readContent(PORTUGUESE.join('\n\n'), 'markdown', 'a.md', undefined).metadata.language).toBe('pt');
		expect(readContent(ENGLISH.join('\n\n'), 'text', 'a.txt', undefined).metadata.language).toBe('en');
		expect(readContent('Le conseil a voté.', 'text', 'a.txt', undefined).metadata.language).toBeUndefined();
		expect(detectLanguage(['x'.repeat(DETECT_MIN_CHARS - 10)])).toBeUndefined();
	});

	it('goes into the catalog entry, a --language flag over it, and loads back', () => {
		const loaded = readContent(html('', '', FRENCH), 'html', 'test', 'https://news.example.org/a');
		const base = { title: 'T', published: '2026-01-02' };
		expect(draftOf({ ...loaded, aliases: [] }, base).language).toBe('fr');
		expect(draftOf({ ...loaded, aliases: [] }, { ...base, language: 'pt_BR' }).language).toBe('pt');
		const entry = {
			id: 'a',
			file: 'a.txt',
			title: 'T',
			publisher: 'P',
			url: 'https://news.example.org/a',
			published: '2026-01-02',
		};
		expect(parseCatalog([{ ...entry, language: 'fr' }]).sources[0]?.language).toBe('fr');
		expect(parseCatalog([entry]).sources[0]?.language).toBeUndefined();
		expect(parseCatalog([{ ...entry, language: 'French' }]).problems).toHaveLength(1);
	});
});
