import type { PartialDate } from '../dates/dates.js';
import type { TimelineEvent } from '../dates/timeline.js';
import { MAX_EMBED_URL, MAX_MESSAGE_LENGTH } from './discord-limits.js';
import { textFragmentLink, withoutTextFragment } from './link.js';
import { escapeMarkdown, truncate } from './markdown.js';
import { MAX_BUTTON_STATE, reply, type Button, type Reply } from './render.js';
import { isAfter, timelineEntries, type TimelineEntry } from './timeline-entries.js';

/**
 * How a /timeline page is laid out: one message of lines, no embeds (ten embeds were two or three
 * phone screens a page). Tuned here, passed down, never edited in place.
 */
export interface TimelineLayout {
	/** Most events on a page: about one phone screen. A page holds fewer when their links are long. */
	readonly pageEvents: number;
	/** Characters of a sentence shown; a longer one shows its start, cut at a word and marked "…". */
	readonly maxText: number;
	/** Publishers named on a line; more are counted ("+2"). */
	readonly maxPublishers: number;
}

export const DEFAULT_TIMELINE_LAYOUT: TimelineLayout = { pageEvents: 5, maxText: 110, maxPublishers: 2 };

/** Most events on a /timeline page. */
export const TIMELINE_PAGE_SIZE = DEFAULT_TIMELINE_LAYOUT.pageEvents;

/** What a /timeline reply shows: its filters as the user gave them and the page (1-based). */
export interface TimelineView {
	readonly topic?: string | undefined;
	readonly since?: string | undefined;
	readonly until?: string | undefined;
	readonly page?: number | undefined;
}

const MONTH_NAMES = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December',
];

/** A date for reading: "11 May 2024", "May 2024", "2024". */
export function formatEventDate(date: PartialDate): string {
	const [y, m, d] = date.date.split('-');
	const month = m === undefined ? undefined : MONTH_NAMES[Number(m) - 1];
	if (month === undefined) return y!;
	return d === undefined ? `${month} ${y}` : `${Number(d)} ${month} ${y}`;
}

/**
 * The id of a /timeline paging button: `timeline:page:<n>[:<filters>]`, where `<n>` is the page to
 * show (1-based) and `<filters>` a URL query string of the filters set (`topic`, `since`, `until`):
 * `timeline:page:2:since=2024&topic=border`, or `timeline:page:2` with none. The Discord router
 * re-runs /timeline with these options and `page: n`. The id never exceeds {@link MAX_BUTTON_STATE}
 * characters: a topic too long for it (non-Latin letters take six characters each, percent-encoded)
 * is cut by whole characters, so later pages of such a topic may match a little more than the first.
 */
export function timelineButtonId(page: number, view: TimelineView): string {
	const head = `timeline:page:${page}`;
	const params = new URLSearchParams();
	if (view.since !== undefined) params.set('since', view.since);
	if (view.until !== undefined) params.set('until', view.until);
	let topic = view.topic ?? '';
	const idWith = (t: string) => {
		const p = new URLSearchParams(params);
		if (t.trim() !== '') p.set('topic', t);
		const query = p.toString();
		return query === '' ? head : `${head}:${query}`;
	};
	while (idWith(topic).length > MAX_BUTTON_STATE && topic.length > 0) topic = Array.from(topic).slice(0, -1).join('');
	return idWith(topic);
}

/** Reads a paging button's id back into its view; null when it is no /timeline paging id. */
export function parseTimelineButtonId(id: string): TimelineView | null {
	const m = /^timeline:page:(\d{1,6}):?(.*)$/s.exec(id);
	if (m === null) return null;
	const params = new URLSearchParams(m[2]);
	const get = (key: string) => params.get(key) ?? undefined;
	return { page: Number(m[1]), topic: get('topic'), since: get('since'), until: get('until') };
}

function describe(view: TimelineView): string {
	const parts: string[] = [];
	if (view.topic !== undefined) parts.push(`about “${escapeMarkdown(truncate(view.topic, 80))}”`);
	if (view.since !== undefined) parts.push(`since ${escapeMarkdown(view.since)}`);
	if (view.until !== undefined) parts.push(`until ${escapeMarkdown(view.until)}`);
	return parts.length === 0 ? '' : ` ${parts.join(' ')}`;
}

/** What to try when nothing matched: the filters that were set, loosened. */
function emptyReply(view: TimelineView): Reply {
	const hints: string[] = [];
	if (view.topic !== undefined) hints.push('other or fewer words in `topic`, or none');
	if (view.since !== undefined || view.until !== undefined) hints.push('wider `since`/`until` dates');
	const tip =
		hints.length === 0
			? 'None of the sources states a date yet; add articles with `/ingest`.'
			: `Try ${hints.join(', or ')}.`;
	return reply(`No dated events${describe(view)} in the sources. ${tip}`);
}

/**
 * The start of a sentence, at most `max` characters: cut after a whole word (a surrogate pair is
 * never split) and marked "…". Spaces and line breaks run together into one space: a line is a line.
 */
export function sentenceStart(text: string, max: number): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	if (flat.length <= max) return flat;
	let end = flat.lastIndexOf(' ', max - 1);
	if (end <= max / 2) {
		end = max - 1;
		const code = flat.charCodeAt(end - 1);
		if (code >= 0xd800 && code <= 0xdbff) end--;
	}
	return `${flat.slice(0, end).replace(/[\s,;:–—-]+$/u, '')}…`;
}

/**
 * A link as the target of a masked link, `[text](<link>)`: the angle brackets keep Discord from
 * previewing it, so the characters that would end it (`<`, `>`, `(`, `)`, spaces) are percent-encoded;
 * a browser reads them the same.
 */
export const maskedTarget = (link: string): string =>
	link.replace(/[<>()\s]/gu, (c) =>
		c.charCodeAt(0) < 0x80 ? `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}` : encodeURIComponent(c),
	);

/** "Asbarez", "Asbarez, CivilNet +1": publishers, markdown escaped. */
function publishersOf(entry: TimelineEntry, max: number): string {
	const named = entry.publishers.slice(0, max).map((p) => escapeMarkdown(p.replace(/\s+/g, ' ')));
	const more = entry.publishers.length - named.length;
	return `${named.join(', ')}${more > 0 ? ` +${more}` : ''}`;
}

/** "11 May 2024", "11 May 2024, 3 March 2027 (scheduled)": a line's dates, later ones marked when the line is not under "Scheduled". */
function datesOf(entry: TimelineEntry, today: string): string {
	const mark = (d: PartialDate) => (!entry.scheduled && isAfter(d, today) ? ' (scheduled)' : '');
	return entry.dates.map((d) => `${formatEventDate(d)}${mark(d)}`).join(', ');
}

/**
 * One event as one line: its dates in bold, the sentence (or its start) as a masked link to it on the
 * page, its publishers. The link is the text fragment one, else the page's when that is too long, else
 * none; the line is never longer than `room`, and a link never longer than {@link MAX_EMBED_URL}.
 */
export function entryLine(entry: TimelineEntry, today: string, room: number, layout: TimelineLayout): string {
	const { event } = entry;
	const text = escapeMarkdown(sentenceStart(event.text, layout.maxText));
	const head = `**${datesOf(entry, today)}** `;
	const tail = ` — ${publishersOf(entry, layout.maxPublishers)}`;
	const full = textFragmentLink(event.source.url, event.text);
	for (const link of [full, withoutTextFragment(full)].map(maskedTarget)) {
		const line = `${head}[${text}](<${link}>)${tail}`;
		if (link.length <= MAX_EMBED_URL && line.length <= room) return line;
	}
	return truncate(`${head}${text}${tail}`, room);
}

/** The events of one page: entries `first` to `end` (exclusive), and their lines. */
interface Page {
	readonly first: number;
	readonly end: number;
	readonly lines: readonly string[];
}

/** "**Scheduled** · dated after 29 November 2026": the heading over the events that have not happened. */
const scheduledHeading = (today: string) =>
	`**Scheduled** · dated after ${formatEventDate({ date: today, precision: 'day' })}`;

/**
 * The pages, in order, as long as they are asked for: at most `pageEvents` events a page, and as many
 * as fit in `room` characters with the "Scheduled" heading where that group starts (or goes on). The
 * same entries always give the same pages, so a button's page number finds its events again.
 */
function* pagesOf(entries: readonly TimelineEntry[], today: string, room: number, layout: TimelineLayout) {
	const heading = scheduledHeading(today);
	let first = 0;
	while (first < entries.length) {
		const lines: string[] = [];
		let used = 0;
		let end = first;
		while (end < entries.length && end - first < layout.pageEvents) {
			const entry = entries[end]!;
			const headed = entry.scheduled && (end === first || !entries[end - 1]!.scheduled);
			const line = entryLine(entry, today, room - (headed ? heading.length + 2 : 0), layout);
			const cost = line.length + 1 + (headed ? heading.length + 2 : 0);
			if (end > first && used + cost > room) break;
			lines.push(headed ? `${lines.length > 0 ? '\n' : ''}${heading}\n${line}` : line);
			used += cost;
			end++;
		}
		yield { first, end, lines } satisfies Page;
		first = end;
	}
}

/** Page `n` (1-based), or the last when there are fewer; whether another follows it. */
function pageAt(pages: Generator<Page>, n: number): { page: Page; number: number; last: boolean } {
	let found: Page | undefined;
	let number = 0;
	for (const page of pages) {
		if (number === n) return { page: found!, number, last: false };
		found = page;
		number++;
	}
	return { page: found!, number, last: true };
}

function pager(page: number, last: boolean, view: TimelineView): Button[] {
	if (page <= 1 && last) return [];
	return [
		{ id: timelineButtonId(page - 1, view), label: '◀ Previous', disabled: page <= 1 },
		{ id: timelineButtonId(page + 1, view), label: 'Next ▶', disabled: last },
	];
}

/** The first line: what is listed, how many, in what order, and which of them this page shows. */
function heading(view: TimelineView, entries: readonly TimelineEntry[], shown: Page | undefined): string {
	const n = entries.length;
	const scheduled = entries.filter((e) => e.scheduled).length;
	const order = scheduled === 0 ? 'newest first' : `newest first, ${scheduled} scheduled last`;
	const range =
		shown === undefined
			? ` · showing ${n}–${n}`
			: shown.end - shown.first === n
				? ''
				: ` · showing ${shown.first + 1}–${shown.end}`;
	return `**Timeline**${describe(view)} · ${n} event${n === 1 ? '' : 's'}, ${order}${range}`;
}

/**
 * The reply to /timeline: one message, no embeds, one line an event (a sentence and all its dates):
 * the dates in bold, the sentence or its start linked to it on its page, who published it. What
 * happened by `today` (`YYYY-MM-DD`, given by the caller: the core reads no clock) comes first, newest
 * first; what is dated after it follows under "Scheduled", soonest first. About a phone screen a
 * page, within Discord's 2,000 characters; Previous/Next buttons page through them.
 */
export function renderTimeline(
	events: readonly TimelineEvent[],
	today: string,
	view: TimelineView = {},
	layout: TimelineLayout = DEFAULT_TIMELINE_LAYOUT,
): Reply {
	const entries = timelineEntries(events, today);
	if (entries.length === 0) return emptyReply(view);
	// Room for the lines: what the longest heading this view can have leaves. The same for every
	// page, so pages never shift between clicks.
	const room = MAX_MESSAGE_LENGTH - heading(view, entries, undefined).length - 2;
	const wanted = Math.max(1, Math.floor(view.page ?? 1));
	const { page, number, last } = pageAt(pagesOf(entries, today, room, layout), wanted);
	const content = `${heading(view, entries, page)}\n\n${page.lines.join('\n')}`;
	return reply(content, { buttons: pager(number, last, view) });
}
