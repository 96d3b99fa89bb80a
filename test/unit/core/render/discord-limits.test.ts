import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commands } from '../../../../commands/index.js';
import type { Answer, AnswerResult } from '../../../../src/core/answer/answer.js';
import type { Paragraph, Source } from '../../../../src/core/catalog.js';
import * as limits from '../../../../src/core/render/discord-limits.js';
import {
	MAX_ACTION_ROWS,
	MAX_BUTTONS_PER_ROW,
	MAX_COMMAND_DESCRIPTION,
	MAX_EMBED_DESCRIPTION,
	MAX_EMBED_TITLE,
	MAX_EMBEDS,
	MAX_MESSAGE_LENGTH,
	MAX_STRING_OPTION_LENGTH,
	MAX_TOTAL_EMBED_CHARS,
} from '../../../../src/core/render/discord-limits.js';
import { MAX_ASK_RESULTS, renderAnswerPage } from '../../../../src/core/render/render.js';
import { renderSource, renderSourceList } from '../../../../src/core/render/source.js';

// Other tests hold the rest of the output to these limits: timeline.test.ts (every /timeline page, its
// total embed characters and button ids), render.test.ts (a long quote's card), and
// test/e2e/discord-payload.test.ts and discord.test.ts (everything buildPayload sends, and the bot).

/**
 * Discord's numbers, written out again on purpose: a value edited by mistake in discord-limits.ts
 * fails here, not as a rejected message. Each is from the page linked atop that file.
 */
const DOCUMENTED = {
	MAX_MESSAGE_LENGTH: 2_000,
	MAX_EMBEDS: 10,
	MAX_EMBED_TITLE: 256,
	MAX_EMBED_DESCRIPTION: 4_096,
	MAX_EMBED_FOOTER: 2_048,
	MAX_TOTAL_EMBED_CHARS: 6_000,
	MAX_EMBED_URL: 2_048,
	MAX_CUSTOM_ID: 100,
	MAX_BUTTON_LABEL: 80,
	MAX_BUTTONS_PER_ROW: 5,
	MAX_ACTION_ROWS: 5,
	MAX_CHOICES: 25,
	MAX_CHOICE_LENGTH: 100,
	MAX_COMMAND_DESCRIPTION: 100,
	MAX_STRING_OPTION_LENGTH: 6_000,
	MAX_INTERACTION_RESPONSE_MS: 3_000,
};

const source = (title: string, n = 0): Source => ({
	id: `source-${n}`,
	file: `source-${n}.txt`,
	title,
	publisher: 'Test Press',
	url: `https://news.example/${n}`,
	published: '2025-01-01',
	library: 'shared',
	authors: [],
});

/**
 * Text up to `max` characters full of markdown that escaping lengthens: a short piece repeated, so a
 * failure shrinks in moments (shrinking thousands of free characters takes minutes).
 */
const text = (max: number) =>
	fc
		.tuple(
			fc.string({
				unit: fc.constantFrom('a', ' ', '*', '_', '`', '|', '\\', '\n', 'é', '😀'),
				minLength: 1,
				maxLength: 8,
			}),
			fc.nat(max),
		)
		.map(([piece, n]) => piece.repeat(n).slice(0, max));

describe('Discord limits', () => {
	it('are the values Discord documents, and no limit is left unchecked', () => {
		expect({ ...limits }).toEqual(DOCUMENTED);
	});
});

describe('the slash commands, as deployed', () => {
	it('describe themselves and each option within Discord’s length', () => {
		for (const { data } of commands) {
			expect(data.description.length, `/${data.name}`).toBeLessThanOrEqual(MAX_COMMAND_DESCRIPTION);
			for (const o of data.options ?? [])
				expect(o.description.length, `/${data.name} ${o.name}`).toBeLessThanOrEqual(MAX_COMMAND_DESCRIPTION);
		}
	});

	it('cap their text options at lengths Discord accepts', () => {
		const capped = commands.flatMap(({ data }) =>
			(data.options ?? []).flatMap((o) =>
				o.type === ApplicationCommandOptionType.String && o.max_length !== undefined ? [o.max_length] : [],
			),
		);
		expect(capped.length).toBeGreaterThan(0);
		for (const max of capped) expect(max).toBeLessThanOrEqual(MAX_STRING_OPTION_LENGTH);
	});
});

describe('the renderers', () => {
	it('list any number of sources, however long their titles, a page a message', () => {
		fc.assert(
			fc.property(fc.array(text(400), { maxLength: 40, size: 'max' }), fc.nat(6), (titles, page) => {
				const r = renderSourceList(
					titles.map((t, i) => source(`T${t}`, i)),
					page,
				);
				expect(r.content.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
			}),
		);
	});

	it('show a page of a source as one card within the embed limits, whatever its title and text', () => {
		fc.assert(
			fc.property(
				text(600),
				fc.array(text(3_000), { minLength: 1, maxLength: 8, size: 'max' }),
				fc.nat(10),
				(title, lines, page) => {
					const s = source(`T${title}`);
					const paragraphs: Paragraph[] = lines.map((line, n) => ({ source: s, n, text: `p${line}` }));
					const [card, ...rest] = renderSource(s, paragraphs, page).cards;
					expect(rest).toEqual([]);
					expect(card!.title.length).toBeLessThanOrEqual(MAX_EMBED_TITLE);
					expect(card!.description.length).toBeLessThanOrEqual(MAX_EMBED_DESCRIPTION);
					const total = card!.title.length + card!.description.length + (card!.footer ?? '').length;
					expect(total).toBeLessThanOrEqual(MAX_TOTAL_EMBED_CHARS);
				},
			),
			{ numRuns: 50 },
		);
	});

	it('page /ask results within the message, embed and button limits, at every offset', () => {
		const result = fc
			.record({ title: text(400), quote: text(800), publisher: text(60), paragraph: fc.nat(500) })
			.map(({ title, quote, publisher, paragraph }): AnswerResult => ({
				source: {
					id: 'source-0',
					title: `T${title}`,
					publisher: `P${publisher}`,
					url: 'https://news.example/a',
					published: '2025-01-01',
					library: 'shared',
				},
				paragraph,
				passage: `Before. Q${quote} After.`,
				quote: `Q${quote}`,
				link: 'https://news.example/a#:~:text=Q',
				score: 1,
				coverage: 1,
			}));
		fc.assert(
			fc.property(
				text(3_000),
				fc.array(result, { minLength: 1, maxLength: MAX_ASK_RESULTS + 5, size: 'max' }),
				fc.nat(MAX_ASK_RESULTS + 5),
				(question, results, offset) => {
					const answer: Answer = { question: `q${question}`, answered: true, results };
					const r = renderAnswerPage(answer, { offset, sourceCount: 5 });
					expect(r.content.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
					expect(r.cards.length).toBeLessThanOrEqual(MAX_EMBEDS);
					for (const card of r.cards) {
						expect(card.title.length).toBeLessThanOrEqual(MAX_EMBED_TITLE);
						expect(card.description.length).toBeLessThanOrEqual(MAX_EMBED_DESCRIPTION);
					}
					// Every button fits: none is dropped when the payload lays them out in rows.
					expect(r.buttons.length).toBeLessThanOrEqual(MAX_BUTTONS_PER_ROW * MAX_ACTION_ROWS);
				},
			),
			{ numRuns: 100 },
		);
	});
});
