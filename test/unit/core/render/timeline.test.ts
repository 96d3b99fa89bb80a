import { OPERATOR_CALLER } from '../../../../commands/index.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { timeline as timelineCommand, timelineReply, todayOf } from '../../../../commands/timeline.js';
import { parseCatalog } from '../../../../src/core/catalog.js';
import { createCorpus } from '../../../../src/core/corpus.js';
import { MAX_EMBED_URL, MAX_MESSAGE_LENGTH } from '../../../../src/core/render/discord-limits.js';
import {
	DEFAULT_TIMELINE_LAYOUT,
	formatEventDate,
	maskedTarget,
	parseTimelineButtonId,
	renderTimeline,
	sentenceStart,
	TIMELINE_PAGE_SIZE,
	timelineButtonId,
	type TimelineView,
} from '../../../../src/core/render/timeline.js';
import { timelineEntries } from '../../../../src/core/render/timeline-entries.js';
import { compareEvents, timelineEvents, type TimelineEvent } from '../../../../src/core/dates/timeline.js';
import { escapeMarkdown } from '../../../../src/core/render/markdown.js';
import { MAX_BUTTON_STATE, type Reply } from '../../../../src/core/render/render.js';
import type { Citation } from '../../../../src/core/catalog.js';

const DATA = join(import.meta.dirname, '../../../../index-data');
const { sources } = parseCatalog(JSON.parse(readFileSync(join(DATA, 'sources.json'), 'utf8')));
const corpus = createCorpus(sources.map((source) => ({ source, text: readFileSync(join(DATA, source.file), 'utf8') })));
const events = timelineEvents(corpus);

/** A fixed day, so which events are "scheduled" does not move with the clock. */
const TODAY = '2025-09-08';

/** Every page of a reply, from the first, following the Next button while it is enabled. */
function allPages(list: readonly TimelineEvent[], today = TODAY, view: TimelineView = {}): Reply[] {
	const pages = [renderTimeline(list, today, { ...view, page: 1 })];
	for (let n = 2; pages.at(-1)!.buttons.some((b) => b.label === 'Next ▶' && b.disabled !== true); n++) {
		pages.push(renderTimeline(list, today, { ...view, page: n }));
		expect(n).toBeLessThan(10_000);
	}
	return pages;
}

/** The lines that are events: a bold date first (the heading and "Scheduled" are not). */
const eventLines = (r: Reply) =>
	r.content.split('\n').filter((l) => /^\*\*[^*]/.test(l) && !/^\*\*(Timeline|Scheduled)\*\*/.test(l));
/** The targets of the masked links of a reply: `[text](<target>)`. */
const linkTargets = (r: Reply) => [...r.content.matchAll(/\]\(<([^>]*)>\)/g)].map((m) => m[1]!);

describe('renderTimeline', () => {
	it('shows the newest page as one message of lines, no embeds, and says how many there are', () => {
		const r = renderTimeline(events, TODAY);
		expect(r.cards).toEqual([]);
		const entries = timelineEntries(events, TODAY);
		const lines = eventLines(r);
		expect(lines.length).toBeGreaterThan(0);
		expect(lines.length).toBeLessThanOrEqual(TIMELINE_PAGE_SIZE);
		expect(r.content).toMatch(new RegExp(`^\\*\\*Timeline\\*\\* · ${entries.length} events, newest first`));
		expect(r.content).toContain(`showing 1–${lines.length}`);
		const first = entries[0]!;
		expect(lines[0]).toMatch(new RegExp(`^\\*\\*${first.dates.map(formatEventDate).join(', ')}\\*\\* \\[`));
		expect(lines[0]).toContain(`](<${first.event.source.url}#:~:text=`);
		expect(lines[0]).toMatch(new RegExp(`\\) — ${first.event.source.publisher}`));
	});
	it('keeps within Discord’s limits on every page', () => {
		for (const r of allPages(events, TODAY, { topic: 'x'.repeat(50), since: '2020-01-01', until: '2025-12-31' })) {
			expect(r.cards).toEqual([]);
			expect(r.content.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
			for (const link of linkTargets(r)) expect(link.length).toBeLessThanOrEqual(MAX_EMBED_URL);
			for (const b of r.buttons) expect(b.id.length).toBeLessThanOrEqual(MAX_BUTTON_STATE);
			expect(new Set(r.buttons.map((b) => b.id)).size).toBe(r.buttons.length);
		}
	});
	it('pages with Previous/Next buttons, disabled at the ends, and clamps the page', () => {
		const first = renderTimeline(events, TODAY, { page: 1 });
		expect(first.buttons.map((b) => [b.label, b.disabled])).toEqual([
			['◀ Previous', true],
			['Next ▶', false],
		]);
		const pages = allPages(events);
		const last = renderTimeline(events, TODAY, { page: 999 });
		expect(last.content).toBe(pages.at(-1)!.content);
		expect(last.buttons[1]!.disabled).toBe(true);
		expect(last.buttons[0]!.id).toBe(`timeline:page:${pages.length - 1}`);
	});
	it('says so when no event matches, with what to try and no buttons', () => {
		const r = renderTimeline([], TODAY, { topic: 'volcano', since: '2024' });
		expect(r.content).toMatch(/^No dated events about “volcano” since 2024 in the sources\. Try .*topic.*since/);
		expect(r.cards).toEqual([]);
		expect(r.buttons).toEqual([]);
		expect(renderTimeline([], TODAY).content).toMatch(/\/ingest/);
	});
	it('lists a sentence stating two dates once, with both dates, oldest first', () => {
		const text = 'The talks began on 3 May 2024 and ended on 9 June 2024.';
		const list = [event('2024-06-09', text), event('2024-05-03', text), event('2024-05-01', 'Another thing happened.')];
		const r = renderTimeline(list, TODAY);
		expect(eventLines(r)).toHaveLength(2);
		expect(eventLines(r)[0]).toMatch(/^\*\*3 May 2024, 9 June 2024\*\* \[The talks began/);
		expect(r.content.split('The talks began')).toHaveLength(2);
		expect(r.content).toContain('2 events');
	});
	it('leaves out a year or month of a sentence that a finer date of it falls within', () => {
		const text = 'Talks resumed in summer 2024, in July and October 2024.';
		const list = [event('2024-10', text), event('2024-07', text), event('2024', text)].sort(compareEvents);
		expect(eventLines(renderTimeline(list, TODAY))[0]).toMatch(/^\*\*July 2024, October 2024\*\* \[/);
		// "Later in 2025, in December" has not happened on 8 September 2025, though 2025 has begun.
		const later = 'The mission ends later in 2025, in December.';
		const r = renderTimeline([event('2025-12', later), event('2025', later)], TODAY);
		expect(r.content).toContain('**Scheduled**');
		expect(eventLines(r)).toEqual([expect.stringMatching(/^\*\*December 2025\*\* \[The mission/)]);
	});
	it('lists what is dated after today last, under "Scheduled", soonest first, and marks a later date of a past sentence', () => {
		const list = [
			event('2027-01', 'The bridge will open in January 2027.'),
			event('2026', 'Elections are due in 2026.'),
			event('2025-12-01', 'The treaty, signed on 1 May 2025, takes effect on 1 December 2025.'),
			event('2025-05-01', 'The treaty, signed on 1 May 2025, takes effect on 1 December 2025.'),
			event('2025-01-02', 'Talks resumed.'),
		];
		const r = renderTimeline(list, TODAY);
		const lines = r.content.split('\n');
		const at = (s: string) => lines.findIndex((l) => l.includes(s));
		expect(at('The treaty')).toBeLessThan(at('Talks resumed'));
		expect(lines[at('The treaty')]).toMatch(/^\*\*1 May 2025, 1 December 2025 \(scheduled\)\*\*/);
		expect(at('Talks resumed')).toBeLessThan(at('**Scheduled**'));
		expect(lines[at('**Scheduled**')]).toBe('**Scheduled** · dated after 8 September 2025');
		expect(at('**Scheduled**')).toBeLessThan(at('Elections'));
		expect(at('Elections')).toBeLessThan(at('The bridge'));
		expect(r.content).toContain('4 events, newest first, 2 scheduled last');
		// On 1 January 2026 the year 2026 has begun: no longer scheduled.
		expect(renderTimeline(list, '2026-01-01').content).toContain('1 scheduled last');
	});
	it('repeats the "Scheduled" heading on a page that goes on with scheduled events', () => {
		const list = Array.from({ length: 12 }, (_, i) => event(`${2037 - i}-01-01`, `Event number ${i} will happen.`));
		const pages = allPages(list);
		expect(pages.length).toBeGreaterThan(1);
		for (const r of pages) expect(r.content.split('\n')[2]).toBe('**Scheduled** · dated after 8 September 2025');
	});
	it('escapes the sentence and the publisher, inside the link text too, and keeps the link whole', () => {
		const text =
			'A [bracketed] *bold* _claim_ <@123> @everyone ~~x~~ `code` | ||spoiler|| \\ end [link](https://evil.example)';
		const list = [event('2025-01-01', text, { publisher: 'Pub *Star* [x]', url: 'https://example.com/a_(b)?q=<1>' })];
		const line = eventLines(renderTimeline(list, TODAY, {}, { ...DEFAULT_TIMELINE_LAYOUT, maxText: 500 }))[0]!;
		const m = /^\*\*1 January 2025\*\* \[(.*)\]\(<([^<>()\s]*)>\) — (.*)$/.exec(line);
		expect(m).not.toBeNull();
		const [, linkText, target, publisher] = m!;
		// No unescaped markdown is left: every special character is preceded by a backslash.
		expect(linkText!.replace(/\\[\\*_~`|[\]<]/g, '')).not.toMatch(/[\\*_~`|[\]<]/);
		expect(linkText).toContain('@\u200beveryone');
		expect(linkText).toContain('\\[bracketed\\]');
		expect(publisher).toBe('Pub \\*Star\\* \\[x\\]');
		expect(target!.startsWith('https://example.com/a_%28b%29?q=%3C1%3E#:~:text=')).toBe(true);
	});
	it('shows the start of a long sentence, cut at a word with "…"', () => {
		const text = `${'word '.repeat(60)}end.`;
		const line = eventLines(renderTimeline([event('2025-01-01', text)], TODAY))[0]!;
		const shown = /\[(.*)\]\(</.exec(line)![1]!;
		expect(shown).toMatch(/^word( word)*…$/);
		expect(shown.length).toBeLessThanOrEqual(DEFAULT_TIMELINE_LAYOUT.maxText);
		expect(sentenceStart('short', 10)).toBe('short');
		expect(maskedTarget('https://e.com/a (b)\u00a0<c>')).toBe('https://e.com/a%20%28b%29%C2%A0%3Cc%3E');
		expect(sentenceStart('a'.repeat(30), 10)).toBe(`${'a'.repeat(9)}…`);
	});
	it('falls back to the page’s link, then to no link, when the link is too long', () => {
		const longUrl = `https://example.com/${'p'.repeat(2_030)}`;
		const line = eventLines(renderTimeline([event('2025-01-01', 'Talks resumed today.', { url: longUrl })], TODAY))[0]!;
		expect(line).toBe('**1 January 2025** Talks resumed today. — Pub');
		// With its text fragment the line would pass 2,000 characters; the page's address alone fits.
		const mid = `https://example.com/${'p'.repeat(1_750)}`;
		const text = 'Talks resumed today between the two delegations at the border crossing near Margara.';
		const r = renderTimeline([event('2025-01-01', text, { url: mid })], TODAY);
		expect(r.content.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
		expect(linkTargets(r)).toEqual([mid]);
	});
});

/** A source cited by the events of the property and the examples. */
const citationOf = (over: Partial<Citation> = {}): Citation => ({
	id: 'pub-2025-01-01',
	title: 'Title',
	publisher: 'Pub',
	url: 'https://example.com/a',
	published: '2025-01-01',
	library: 'shared',
	...over,
});

function event(date: string, text: string, source: Partial<Citation> = {}, paragraph = 0): TimelineEvent {
	const precision = date.length === 4 ? 'year' : date.length === 7 ? 'month' : 'day';
	return { date, precision, text, source: citationOf(source), paragraph, also: [] };
}

describe('renderTimeline on any events (property)', () => {
	const date = fc
		.tuple(fc.integer({ min: 1990, max: 2035 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 28 }))
		.map(([y, m, d]) =>
			m === 0
				? `${y}`
				: d === 0
					? `${y}-${String(m).padStart(2, '0')}`
					: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
		);
	const text = fc
		.oneof(
			fc.string({ unit: 'grapheme', minLength: 1, maxLength: 400 }),
			fc.string({
				unit: fc.constantFrom('[', ']', '*', '_', '\\', '<', '@', '(', ')', ' ', 'a', '€', '中'),
				minLength: 1,
				maxLength: 300,
			}),
		)
		.filter((t) => t.trim().length > 0);
	const source = fc.record({
		id: fc.constantFrom('a', 'b', 'c'),
		publisher: fc.string({ minLength: 1, maxLength: 100 }),
		url: fc.oneof(
			fc.constant('https://example.com/a'),
			fc.webUrl(),
			fc.integer({ min: 0, max: 1_000 }).map((n) => `https://example.com/${'x'.repeat(n)}`),
		),
	});
	// Few texts and sources, so sentences meet again with other dates and are grouped.
	const events = fc
		.array(fc.tuple(date, text, source, fc.integer({ min: 0, max: 2 })), { maxLength: 60 })
		.chain((rows) =>
			fc
				.array(
					fc.tuple(
						date,
						fc.constantFrom(
							...(rows.length > 0
								? rows
								: [['2025', 'x', { id: 'a', publisher: 'P', url: 'https://e.com' }, 0] as const]),
						),
					),
					{ maxLength: 20 },
				)
				.map((again) => [
					...rows.map(([d, t, s, p]) => event(d, t, s, p)),
					...again.map(([d, [, t, s, p]]) => event(d, t, s, p)),
				]),
		)
		.map((list) => list.sort(compareEvents));

	it('keeps every page within 2,000 characters and every link within 2,048, and loses no event', () => {
		fc.assert(
			fc.property(
				events,
				date.filter((d) => d.length === 10),
				(list, today) => {
					const entries = timelineEntries(list, today);
					const pages = allPages(list, today);
					let seen = 0;
					for (const r of pages) {
						expect(r.content.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
						for (const link of linkTargets(r)) expect(link.length).toBeLessThanOrEqual(MAX_EMBED_URL);
						const lines = eventLines(r);
						expect(lines.length).toBeLessThanOrEqual(TIMELINE_PAGE_SIZE);
						// Each event of the page, in order, shows its text or its start, escaped.
						for (const [i, line] of lines.entries()) {
							const entry = entries[seen + i]!;
							expect(line).toContain(escapeMarkdown(sentenceStart(entry.event.text, DEFAULT_TIMELINE_LAYOUT.maxText)));
						}
						seen += lines.length;
					}
					expect(seen).toBe(entries.length);
					// Every event given is on some line: its sentence's entry carries its date, or a finer one within it.
					for (const e of list)
						expect(
							entries.some(
								(x) =>
									x.event.text === e.text && x.dates.some((d) => d.date === e.date || d.date.startsWith(`${e.date}-`)),
							),
						).toBe(true);
				},
			),
			{ numRuns: 150 },
		);
	});
});

describe('timeline button ids', () => {
	it('are timeline:page:<n>:<filters as a query string> and read back', () => {
		const id = timelineButtonId(2, { topic: 'border: opening', since: '2024' });
		expect(id).toBe('timeline:page:2:since=2024&topic=border%3A+opening');
		expect(parseTimelineButtonId(id)).toEqual({ page: 2, topic: 'border: opening', since: '2024', until: undefined });
		expect(timelineButtonId(3, {})).toBe('timeline:page:3');
		expect(parseTimelineButtonId('timeline:page:3')).toEqual({
			page: 3,
			topic: undefined,
			since: undefined,
			until: undefined,
		});
		expect(parseTimelineButtonId('source:page:2:x')).toBeNull();
	});
	it('leave room for the signature within Discord’s custom id length, whatever the topic (property)', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 0, max: 99_999 }), (topic, page) => {
				const id = timelineButtonId(page, { topic, since: '2024-05-11', until: '2025-05-11' });
				expect(id.length).toBeLessThanOrEqual(MAX_BUTTON_STATE);
				expect(parseTimelineButtonId(id)?.page).toBe(page);
			}),
		);
	});
});

describe('/timeline command', () => {
	const run = (options: Record<string, unknown>) => {
		const parsed = timelineCommand.input.safeParse(options);
		return parsed.success
			? timelineReply(parsed.data, corpus, TODAY)
			: { error: parsed.error.issues.map((i) => i.message).join(' ') };
	};
	it('lists the latest events with no options', () => {
		const r = run({});
		expect('content' in r && eventLines(r).length).toBeGreaterThan(0);
		expect('content' in r && r.content).toMatch(/^\*\*Timeline\*\* · \d+ events, newest first/);
	});
	it('runs with the clock’s day when Discord calls it', () => {
		const parsed = timelineCommand.input.parse({});
		const r = timelineCommand.run(parsed, { corpus, caller: OPERATOR_CALLER });
		expect(r.content).toBe(timelineReply(parsed, corpus, todayOf(new Date())).content);
		expect(todayOf(new Date('2026-11-29T23:59:59Z'))).toBe('2026-11-29');
	});
	it('filters by topic and dates', () => {
		const r = run({ topic: 'earthquake', since: '2023', until: '2023-12' });
		expect('content' in r && eventLines(r)).toEqual([expect.stringMatching(/^\*\*6 February 2023\*\* \[/)]);
	});
	it('refuses a bad date with a clear message', () => {
		expect(run({ since: 'not-a-date' })).toEqual({
			error: expect.stringMatching(/^since: give a date as YYYY, YYYY-MM or YYYY-MM-DD/),
		});
		expect(run({ until: '2025-13' })).toEqual({ error: expect.stringMatching(/^until: /) });
	});
	it('answers an inverted range with an error reply', () => {
		const r = run({ since: '2025', until: '2024' });
		expect('ephemeral' in r && r.ephemeral).toBe(true);
	});
	it('runs a page from a paging button’s options', () => {
		const options = { ...Object.fromEntries(new URLSearchParams('since=2024')), page: 2 };
		const r = run(options);
		const first = run({ since: '2024' });
		const shown = 'content' in first ? eventLines(first).length : 0;
		expect('content' in r && r.content).toContain(`showing ${shown + 1}–`);
	});
});
