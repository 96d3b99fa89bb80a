import { OPERATOR_CALLER } from '../../../../commands/index.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { timeline as timelineCommand } from '../../../../commands/timeline.js';
import { parseCatalog } from '../../../../src/core/catalog.js';
import { createCorpus } from '../../../../src/core/corpus.js';
import { MAX_EMBEDS, MAX_MESSAGE_LENGTH, MAX_TOTAL_EMBED_CHARS } from '../../../../src/core/render/discord-limits.js';
import {
	formatEventDate,
	parseTimelineButtonId,
	renderTimeline,
	TIMELINE_PAGE_SIZE,
	timelineButtonId,
} from '../../../../src/core/render/timeline.js';
import { timelineEvents } from '../../../../src/core/dates/timeline.js';
import { MAX_BUTTON_STATE } from '../../../../src/core/render/render.js';

const DATA = join(import.meta.dirname, '../../../../index-data');
const { sources } = parseCatalog(JSON.parse(readFileSync(join(DATA, 'sources.json'), 'utf8')));
const corpus = createCorpus(sources.map((source) => ({ source, text: readFileSync(join(DATA, source.file), 'utf8') })));
const events = timelineEvents(corpus);

const embedChars = (r: ReturnType<typeof renderTimeline>) =>
	r.cards.reduce((n, c) => n + c.title.length + c.description.length + (c.footer?.length ?? 0), 0);

describe('renderTimeline', () => {
	it('shows the newest page of events as cards and says how many more there are', () => {
		const r = renderTimeline(events);
		expect(r.cards).toHaveLength(TIMELINE_PAGE_SIZE);
		expect(r.content).toContain(`${events.length} dated events`);
		expect(r.content).toContain(`${events.length - TIMELINE_PAGE_SIZE} more`);
		const first = r.cards[0]!;
		expect(first.title).toContain(formatEventDate(events[0]!));
		expect(first.description.startsWith('> ')).toBe(true);
		expect(first.url!.startsWith(`${events[0]!.source.url}#:~:text=`)).toBe(true);
		expect(first.footer).toContain(events[0]!.source.publisher);
		expect(first.footer).toContain(events[0]!.source.published);
	});
	it('keeps within Discord’s limits on every page', () => {
		const pages = Math.ceil(events.length / TIMELINE_PAGE_SIZE);
		for (let page = 1; page <= pages; page++) {
			const r = renderTimeline(events, { page, topic: 'x'.repeat(50), since: '2020-01-01', until: '2025-12-31' });
			expect(r.cards.length).toBeLessThanOrEqual(MAX_EMBEDS);
			expect(embedChars(r)).toBeLessThanOrEqual(MAX_TOTAL_EMBED_CHARS);
			expect(r.content.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
			for (const b of r.buttons) expect(b.id.length).toBeLessThanOrEqual(MAX_BUTTON_STATE);
			expect(new Set(r.buttons.map((b) => b.id)).size).toBe(r.buttons.length);
		}
	});
	it('pages with Newer/Older buttons, disabled at the ends, and clamps the page', () => {
		const first = renderTimeline(events, { page: 1 });
		expect(first.buttons.map((b) => [b.label, b.disabled])).toEqual([
			['◀ Newer', true],
			['Older ▶', false],
		]);
		const last = renderTimeline(events, { page: 999 });
		expect(last.buttons[1]!.disabled).toBe(true);
		expect(last.content).not.toContain('more');
	});
	it('says so when no event matches, with no buttons', () => {
		const r = renderTimeline([], { topic: 'volcano' });
		expect(r.content).toMatch(/^No dated events about “volcano”/);
		expect(r.cards).toEqual([]);
		expect(r.buttons).toEqual([]);
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
			? timelineCommand.run(parsed.data, { corpus, caller: OPERATOR_CALLER })
			: { error: parsed.error.issues.map((i) => i.message).join(' ') };
	};
	it('lists the latest events with no options', () => {
		const r = run({});
		expect('cards' in r && r.cards.length).toBe(TIMELINE_PAGE_SIZE);
	});
	it('filters by topic and dates', () => {
		const r = run({ topic: 'earthquake', since: '2023', until: '2023-12' });
		expect('cards' in r && r.cards.map((c) => c.title)).toEqual([expect.stringMatching(/^6 February 2023/)]);
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
		expect('content' in r && r.content).toContain('showing 11–20');
	});
});
