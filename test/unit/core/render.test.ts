import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answer } from '../../../src/core/answer.js';
import { escapeMarkdown } from '../../../src/core/markdown.js';
import { MAX_MESSAGE_LENGTH, renderAnswer, renderSource, replyToText } from '../../../src/core/render.js';
import { corpusFrom, DEFAULT_DATA } from '../../helpers/corpus.js';

const news = corpusFrom(DEFAULT_DATA);

describe('escapeMarkdown', () => {
	it('neutralizes emphasis, code, spoilers, headings, quotes, lists, subtext and masked links', () => {
		expect(escapeMarkdown('**bold** _it_ `code` ||spoiler|| ~~x~~')).toBe('\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\|\\|spoiler\\|\\| \\~\\~x\\~\\~');
		expect(escapeMarkdown('# Head\n> quote\n- item\n-# small')).toBe('\\# Head\n\\> quote\n\\- item\n\\-# small');
		expect(escapeMarkdown('[click](https://evil.example)')).toBe('\\[click\\](https://evil.example)');
	});

	it('keeps @everyone, @here and <@id> from rendering as mentions', () => {
		const out = escapeMarkdown('@everyone @here <@123> <@&456>');
		expect(out).not.toMatch(/@everyone|@here|(^|[^\\])<@/);
	});

	it('leaves no unescaped markdown in any text', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 200 }), (text) => {
				const out = escapeMarkdown(text);
				expect(out).not.toMatch(/(^|[^\\])[*_~`|]/);
				expect(out).not.toMatch(/@(everyone|here)/i);
			}),
			{ numRuns: 2_000 },
		);
	});
});

describe('renderAnswer', () => {
	it('cites each quote with title, publisher, date and link, the quote as a block quote', () => {
		const r = renderAnswer(answer(news, 'Who leads the Turkish delegation to Armenia?'));
		const card = r.cards[0]!;
		expect(card.description.startsWith('> ')).toBe(true);
		expect(card.footer).toContain('Türkiye Today · 2025-09-07');
		expect(card.url).toContain('#:~:text=');
		expect(r.content.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
	});

	it('says plainly that the sources do not say, quoting nothing', () => {
		const r = renderAnswer(answer(news, 'Who is Lionel Messi?'), 5);
		expect(r.cards).toEqual([]);
		expect(r.content).toMatch(/^The sources don't say\./);
	});

	it('escapes the question it repeats', () => {
		const r = renderAnswer({ question: '@everyone **hi**', answered: false, results: [] });
		expect(r.content).not.toContain('@everyone');
		expect(r.content).toContain('\\*\\*hi\\*\\*');
	});
});

describe('renderSource', () => {
	it('pages a source and keeps each paragraph verbatim but escaped', () => {
		const source = news.byId.get('asbarez-2024-05-13')!;
		const r = renderSource(source, news.paragraphsOf.get(source.id)!, 1);
		expect(r.content).toContain('page 2 of 3');
		expect(replyToText(r)).toContain('Mirzoyan said Monday hat his meeting with Bayramov');
	});
});
