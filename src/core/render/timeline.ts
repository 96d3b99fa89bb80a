import type { PartialDate } from '../dates/dates.js';
import { textFragmentLink } from './link.js';
import { escapeMarkdown, truncate } from './markdown.js';
import {
	MAX_EMBED_DESCRIPTION,
	MAX_EMBED_TITLE,
	MAX_EMBEDS,
	MAX_MESSAGE_LENGTH,
	MAX_TOTAL_EMBED_CHARS,
} from './discord-limits.js';
import { blockQuote, citationLine, MAX_BUTTON_STATE, reply, type Button, type Card, type Reply } from './render.js';
import type { TimelineEvent } from '../dates/timeline.js';

/** Events per page of /timeline: one card each, within Discord's ten embeds a message. */
export const TIMELINE_PAGE_SIZE = Math.min(10, MAX_EMBEDS);
/** Characters of each card kept for its title, footer and the quote's markup. */
const CARD_OVERHEAD = 260;
const MAX_FOOTER = 150;
const MAX_TITLE = Math.min(80, MAX_EMBED_TITLE);

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

/** One event as a card: its date and source title, the sentence quoted, the source and a link to the sentence. */
export function eventCard(event: TimelineEvent, maxQuote: number): Card {
	const also = event.also.map((a) => escapeMarkdown(citationLine(a.source))).join('; ');
	const footer = `${escapeMarkdown(citationLine(event.source))} · paragraph ${event.paragraph + 1}${also === '' ? '' : ` · also told by ${also}`}`;
	return {
		title: truncate(`${formatEventDate(event)} · ${escapeMarkdown(event.source.title)}`, MAX_TITLE),
		url: textFragmentLink(event.source.url, event.text),
		description: truncate(blockQuote(truncate(event.text, maxQuote)), Math.min(MAX_EMBED_DESCRIPTION, maxQuote + 60)),
		footer: truncate(footer, MAX_FOOTER),
	};
}

function pager(page: number, pages: number, view: TimelineView): Button[] {
	if (pages <= 1) return [];
	return [
		{ id: timelineButtonId(page - 1, view), label: '◀ Newer', disabled: page <= 1 },
		{ id: timelineButtonId(page + 1, view), label: 'Older ▶', disabled: page >= pages },
	];
}

/**
 * The reply to /timeline: one page of events, newest first, each a card with its date, the sentence
 * as a block quote, its source and a link that opens the page at it; the content says how many events
 * match and how many more follow this page; Newer/Older buttons page through them.
 */
export function renderTimeline(events: readonly TimelineEvent[], view: TimelineView = {}): Reply {
	if (events.length === 0) {
		return reply(`No dated events${describe(view)} in the sources. Try a broader topic or wider dates.`);
	}
	const pages = Math.ceil(events.length / TIMELINE_PAGE_SIZE);
	const page = Math.min(Math.max(1, Math.floor(view.page ?? 1)), pages);
	const first = (page - 1) * TIMELINE_PAGE_SIZE;
	const shown = events.slice(first, first + TIMELINE_PAGE_SIZE);
	const more = events.length - first - shown.length;
	const maxQuote = Math.floor(MAX_TOTAL_EMBED_CHARS / shown.length) - CARD_OVERHEAD;
	const count = `${events.length} dated event${events.length === 1 ? '' : 's'}`;
	const range =
		shown.length === events.length ? 'newest first' : `showing ${first + 1}–${first + shown.length}, newest first`;
	const tail = more > 0 ? ` · ${more} more` : '';
	return reply(truncate(`**Timeline**${describe(view)} · ${count} · ${range}${tail}`, MAX_MESSAGE_LENGTH), {
		cards: shown.map((e) => eventCard(e, maxQuote)),
		buttons: pager(page, pages, view),
	});
}
