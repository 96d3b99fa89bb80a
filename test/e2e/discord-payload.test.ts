import { MessageFlags } from 'discord-api-types/v10';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Card, Reply } from '../../src/core/render/render.js';
import { buildPayload } from '../../src/discord/send.js';
import { ELLIPSIS, splitText } from '../../src/discord/split.js';

// Pure checks of the one function every Discord reply goes through; the e2e files drive it for real.

const words = fc.array(fc.constantFrom('word', 'quote.', 'Sentence!', '@everyone', '<@123>', '**b**', '\n', '\n\n', 'x'.repeat(120), 'é', '😀'), { maxLength: 2_500, size: 'max' }).map((w) => w.join(' '));
const card: fc.Arbitrary<Card> = fc.record({ title: fc.string({ maxLength: 400 }), description: words.map((t) => `> ${t}`), footer: fc.string({ maxLength: 300 }) });
const replies: fc.Arbitrary<Reply> = fc.record({
	content: words,
	cards: fc.array(card, { maxLength: 14, size: 'max' }),
	buttons: fc.array(fc.record({ id: fc.string({ minLength: 1, maxLength: 300 }), label: fc.string({ minLength: 1, maxLength: 120 }) }), { maxLength: 12 }),
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
				const p = buildPayload(reply, (id) => (id.length > 100 ? `~${id.length}` : id));
				expect(p.allowedMentions).toEqual({ parse: [] });
				expect(p.content.length).toBeLessThanOrEqual(2_000);
				expect(p.embeds.length).toBeLessThanOrEqual(10);
				let total = 0;
				for (const e of p.embeds) {
					expect((e.title ?? '').length).toBeLessThanOrEqual(256);
					expect((e.description ?? '').length).toBeLessThanOrEqual(4_096);
					total += (e.title ?? '').length + (e.description ?? '').length + (e.footer?.text.length ?? 0);
				}
				expect(total).toBeLessThanOrEqual(6_000);
				for (const row of p.components) expect(row.components.length).toBeLessThanOrEqual(5);
				expect(p.flags === MessageFlags.Ephemeral).toBe(reply.ephemeral);
			}),
			{ numRuns: 150 },
		);
	});
});

describe('splitText', () => {
	it('cuts into pieces within the limit that, marks aside, hold the whole text', () => {
		const text = fc.array(fc.constantFrom('a', 'word', 'end.', '\\*', '\n', '\n\n', '> q', ' ', 'x'.repeat(50), '😀'), { maxLength: 600, size: 'max' }).map((w) => w.join(' '));
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
