import { MessageFlags } from 'discord-api-types/v10';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	MAX_ACTION_ROWS,
	MAX_BUTTON_LABEL,
	MAX_BUTTONS_PER_ROW,
	MAX_CUSTOM_ID,
	MAX_EMBED_DESCRIPTION,
	MAX_EMBED_FOOTER,
	MAX_EMBED_TITLE,
	MAX_EMBED_URL,
	MAX_EMBEDS,
	MAX_MESSAGE_LENGTH,
	MAX_TOTAL_EMBED_CHARS,
} from '../../src/core/render/discord-limits.js';
import { textFragmentLink } from '../../src/core/render/link.js';
import type { Card, Reply } from '../../src/core/render/render.js';
import { buildPayload } from '../../src/discord/send.js';
import { ELLIPSIS, splitText } from '../../src/discord/split.js';

// Pure checks of the one function every Discord reply goes through; the e2e files drive it for real.

const words = fc
	.array(
		fc.constantFrom(
			'word',
			'quote.',
			'Sentence!',
			'@everyone',
			'<@123>',
			'**b**',
			'\n',
			'\n\n',
			'x'.repeat(120),
			'é',
			'😀',
		),
		{ maxLength: 2_500, size: 'max' },
	)
	.map((w) => w.join(' '));
/** Addresses of every length around the embed url limit, with and without a quote's text fragment. */
const url = fc
	.tuple(fc.integer({ min: 0, max: MAX_EMBED_URL + 100 }), fc.option(fc.string({ minLength: 1, maxLength: 200 })))
	.map(([n, quote]) => {
		const page = `https://a.example/${'p'.repeat(n)}`;
		return quote === null ? page : textFragmentLink(page, quote);
	});
const card: fc.Arbitrary<Card> = fc.record(
	{
		title: fc.string({ maxLength: 400 }),
		url,
		description: words.map((t) => `> ${t}`),
		footer: fc.string({ maxLength: 300 }),
	},
	{ requiredKeys: ['title', 'description'] },
);
const replies: fc.Arbitrary<Reply> = fc.record({
	content: words,
	cards: fc.array(card, { maxLength: 14, size: 'max' }),
	buttons: fc.array(
		fc.record({ id: fc.string({ minLength: 1, maxLength: 300 }), label: fc.string({ minLength: 1, maxLength: 120 }) }),
		{ maxLength: 30, size: 'max' },
	),
	ephemeral: fc.boolean(),
});

/** The text a split stands for: the pieces without the marks of a cut, and no whitespace. */
function rejoin(pieces: readonly string[]): string {
	return pieces
		.map((p, i) => {
			let out = p;
			if (i < pieces.length - 1 && out.endsWith(ELLIPSIS) && /^(> )?…/.test(pieces[i + 1]!)) out = out.slice(0, -1);
			if (i > 0 && pieces[i - 1]!.endsWith(ELLIPSIS)) out = out.replace(/^(> )?…/, '');
			return out;
		})
		.join('')
		.replace(/\s+/g, '');
}

describe('buildPayload', () => {
	it('keeps every Discord limit and never parses a mention, whatever the reply holds', () => {
		fc.assert(
			fc.property(replies, (reply) => {
				const p = buildPayload(reply, (id) => (id.length > MAX_CUSTOM_ID ? `~${id.length}` : id));
				expect(p.allowedMentions).toEqual({ parse: [] });
				expect(p.content.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
				expect(p.embeds.length).toBeLessThanOrEqual(MAX_EMBEDS);
				let total = 0;
				for (const e of p.embeds) {
					expect((e.title ?? '').length).toBeLessThanOrEqual(MAX_EMBED_TITLE);
					expect((e.description ?? '').length).toBeLessThanOrEqual(MAX_EMBED_DESCRIPTION);
					expect((e.footer?.text ?? '').length).toBeLessThanOrEqual(MAX_EMBED_FOOTER);
					expect((e.url ?? '').length).toBeLessThanOrEqual(MAX_EMBED_URL);
					total += (e.title ?? '').length + (e.description ?? '').length + (e.footer?.text.length ?? 0);
				}
				expect(total).toBeLessThanOrEqual(MAX_TOTAL_EMBED_CHARS);
				expect(p.components.length).toBeLessThanOrEqual(MAX_ACTION_ROWS);
				for (const row of p.components) {
					expect(row.components.length).toBeLessThanOrEqual(MAX_BUTTONS_PER_ROW);
					for (const b of row.components) {
						expect(b.custom_id.length).toBeLessThanOrEqual(MAX_CUSTOM_ID);
						expect((b.label ?? '').length).toBeLessThanOrEqual(MAX_BUTTON_LABEL);
					}
				}
				expect(p.flags === MessageFlags.Ephemeral).toBe(reply.ephemeral);
			}),
			{ numRuns: 150 },
		);
	});
});

describe('buildPayload links', () => {
	const linked = (url: string) =>
		buildPayload({ content: '', cards: [{ title: 'T', url, description: '> q' }], buttons: [], ephemeral: false })
			.embeds[0]?.url;

	it('keeps a link within Discord’s limit as it is', () => {
		const link = textFragmentLink('https://a.example/x', 'a quote');
		expect(linked(link)).toBe(link);
	});

	it('links to the page alone when its text fragment makes the link too long', () => {
		const page = `https://a.example/${'p'.repeat(MAX_EMBED_URL - 30)}`;
		const link = textFragmentLink(page, 'a quote that does not fit after so long an address');
		expect(link.length).toBeGreaterThan(MAX_EMBED_URL);
		expect(linked(link)).toBe(page);
	});

	it('leaves the link out when even the page’s address is too long, and still sends the card', () => {
		const page = `https://a.example/${'p'.repeat(MAX_EMBED_URL)}`;
		const p = buildPayload({
			content: '',
			cards: [{ title: 'T', url: textFragmentLink(page, 'q'), description: '> q' }],
			buttons: [],
			ephemeral: false,
		});
		expect(p.embeds).toHaveLength(1);
		expect(p.embeds[0]).not.toHaveProperty('url');
	});
});

describe('splitText', () => {
	it('cuts into pieces within the limit that, marks aside, hold the whole text', () => {
		const text = fc
			.array(fc.constantFrom('a', 'word', 'end.', '\\*', '\n', '\n\n', '> q', ' ', 'x'.repeat(50), '😀'), {
				maxLength: 600,
				size: 'max',
			})
			.map((w) => w.join(' '));
		fc.assert(
			fc.property(text, fc.integer({ min: 16, max: 400 }), (t, max) => {
				const pieces = splitText(t, max);
				for (const p of pieces) expect(p.length).toBeLessThanOrEqual(max);
				expect(rejoin(pieces)).toBe(t.replace(/\s+/g, ''));
			}),
			{ numRuns: 300 },
		);
	});
});
