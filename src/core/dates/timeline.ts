import type { Language } from '../text/languages.js';
import { languageOf } from '../search/search-index.js';
import { isCitationLike } from '../answer/paragraph-kind.js';
import { citation, type Citation, type Paragraph, type Source } from '../catalog.js';
import { corpusLanguages, type Corpus } from '../corpus.js';
import { dateRange, extractDates, type PartialDate, type Precision } from './dates.js';
import { splitSentences } from '../text/sentences.js';

/** Where a sentence telling an event stands: its source, paragraph (0-based) and the sentence itself. */
export interface EventCitation {
	readonly source: Citation;
	readonly paragraph: number;
	/** The sentence, verbatim: an exact substring of the paragraph. */
	readonly text: string;
}

/** A dated event: a sentence of a source and one date it states (a sentence with two dates is two events). */
export interface TimelineEvent extends PartialDate, EventCitation {
	/** The same event told by other sources (see {@link MERGE_OVERLAP}); empty for most events. */
	readonly also: readonly EventCitation[];
}

/**
 * The merge rule: two events from different sources are one event when they have the same date and
 * precision and their sentences share at least this share of their analyzed terms (Jaccard index of
 * the term sets). The first in timeline order keeps its place; the others go in its `also`.
 */
const MERGE_OVERLAP = 0.5;

const PRECISION_RANK: Readonly<Record<Precision, number>> = { day: 0, month: 1, year: 2 };

/** Timeline order: newest first (date string descending), then day before month before year, then source id, paragraph. */
export function compareEvents(a: TimelineEvent, b: TimelineEvent): number {
	if (a.date !== b.date) return a.date < b.date ? 1 : -1;
	if (a.precision !== b.precision) return PRECISION_RANK[a.precision] - PRECISION_RANK[b.precision];
	if (a.source.id !== b.source.id) return a.source.id < b.source.id ? -1 : 1;
	return a.paragraph - b.paragraph;
}

/** Header date lines are short; longer paragraphs are not read for one. */
const MAX_DATE_LINE = 80;

/** A paragraph that holds nothing but a date: a page's header or dateline ("23 Apr 2025"). */
export function isDateLine(text: string, published: string | undefined): boolean {
	if (text.length > MAX_DATE_LINE) return false;
	const mentions = extractDates(text, published);
	if (mentions.length === 0) return false;
	let rest = text;
	for (const m of [...mentions].reverse()) rest = rest.slice(0, m.start) + rest.slice(m.end);
	return /^[\s\p{P}]*(?:(?:published|updated|posted|on)\b[\s\p{P}]*)*$/iu.test(rest);
}

/**
 * A live-update entry's time stamp opening a paragraph: "18:30 —", "9.05am:", "10:55 GMT –". The day it
 * belongs to is the one of the last date line above it ("Tuesday 14 October").
 */
const TIME_STAMP = /^\s*(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)(?:\s*\p{Lu}{2,4})?\s*[—–:|-]\s/u;

/** The day a paragraph dates the live-update entries below it: its only date, when it is a date line of day precision. */
function liveDay(p: Paragraph): PartialDate | undefined {
	if (!isDateLine(p.text, p.source.published)) return undefined;
	const dates = extractDates(p.text, p.source.published);
	return dates.length === 1 && dates[0]!.precision === 'day' ? { date: dates[0]!.date, precision: 'day' } : undefined;
}

/**
 * The events of one paragraph, sentence by sentence, a sentence's repeated date once. `day` is the day
 * of the live-update entries under the last date line; a paragraph opening with a time stamp gives it
 * to its first sentence, the one the stamp heads.
 */
function paragraphEvents(p: Paragraph, day: PartialDate | undefined): TimelineEvent[] {
	if (isCitationLike(p.text) || isDateLine(p.text, p.source.published)) return [];
	const source = citation(p.source);
	const stamped = day !== undefined && TIME_STAMP.test(p.text);
	return splitSentences(p.text).flatMap(({ start, end }, i) => {
		const text = p.text.slice(start, end);
		const dates = new Map(extractDates(text, p.source.published).map((d) => [d.date, d.precision] as const));
		if (stamped && i === 0 && !dates.has(day.date)) dates.set(day.date, day.precision);
		return [...dates].map(([date, precision]) => ({ date, precision, text, source, paragraph: p.n, also: [] }));
	});
}

/** The events of a source's paragraphs, in order (live-update entries dated by the date line above them). */
function sourceEvents(paragraphs: readonly Paragraph[]): TimelineEvent[] {
	let day: PartialDate | undefined;
	return paragraphs.flatMap((p) => {
		const header = liveDay(p);
		if (header === undefined) return paragraphEvents(p, day);
		day = header;
		return [];
	});
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
	let shared = 0;
	for (const t of a) if (b.has(t)) shared++;
	const union = a.size + b.size - shared;
	return union === 0 ? 0 : shared / union;
}

interface Merged {
	readonly event: TimelineEvent;
	readonly terms: ReadonlySet<string>;
	readonly also: EventCitation[];
	/** Its place among the merged events: the first twin in this order is the one an event joins. */
	readonly order: number;
}

/**
 * The earliest merged event of a date, told by a source other than `event`'s, whose words overlap
 * `words` enough. The date's events are grouped by source so the event's own source is skipped whole:
 * scanning them one by one was quadratic in a source's events of one date (a 1 MB paragraph dating
 * every sentence "3 March 2024" gave 21,000 of them).
 */
function twinOf(bySource: ReadonlyMap<string, Merged[]>, event: TimelineEvent, words: ReadonlySet<string>) {
	let twin: Merged | undefined;
	for (const [source, list] of bySource) {
		if (source === event.source.id) continue;
		for (const m of list) {
			if (twin !== undefined && m.order > twin.order) break;
			if (m.also.some((a) => a.source.id === event.source.id)) continue;
			if (jaccard(m.terms, words) >= MERGE_OVERLAP) {
				twin = m;
				break;
			}
		}
	}
	return twin;
}

/** Merges, in timeline order, the same event told by several sources (see {@link MERGE_OVERLAP}). */
function mergeEvents(sorted: readonly TimelineEvent[], corpus: Corpus): TimelineEvent[] {
	const kept: Merged[] = [];
	const byDate = new Map<string, Map<string, Merged[]>>();
	for (const event of sorted) {
		const words = new Set(corpus.index.analyzer.terms(event.text, eventLanguage(corpus, event)));
		let bySource = byDate.get(event.date);
		if (bySource === undefined) byDate.set(event.date, (bySource = new Map<string, Merged[]>()));
		const twin = twinOf(bySource, event, words);
		if (twin !== undefined) {
			twin.also.push({ source: event.source, paragraph: event.paragraph, text: event.text });
			continue;
		}
		const merged = { event, terms: words, also: [], order: kept.length };
		kept.push(merged);
		const own = bySource.get(event.source.id);
		if (own === undefined) bySource.set(event.source.id, [merged]);
		else own.push(merged);
	}
	return kept.map(({ event, also }) => ({ ...event, also }));
}

const memo = new WeakMap<Corpus, readonly TimelineEvent[]>();

/**
 * Every dated event of the corpus, newest first ({@link compareEvents}), the same event told by two
 * sources merged. Footnote and reference lists, headings and header date lines are skipped; a
 * live-update entry ("18:30 — …") is dated by the date line above it. Computed
 * once per corpus and remembered for as long as the corpus lives.
 */
export function timelineEvents(corpus: Corpus): readonly TimelineEvent[] {
	const cached = memo.get(corpus);
	if (cached !== undefined) return cached;
	if (corpus.base !== undefined) {
		// A second teller taking the place of a lead the view lacks may move the event among its date's.
		const seen = sortEvents(onlyFrom(timelineEvents(corpus.base), corpus.byId), corpus);
		memo.set(corpus, seen);
		return seen;
	}
	const all = corpus.sources.flatMap((s) => sourceEvents(corpus.paragraphsOf.get(s.id) ?? []));
	const events = mergeEvents(all.sort(compareEvents), corpus);
	memo.set(corpus, events);
	return events;
}

/**
 * The events told by a view's sources alone, merged as in the whole: an event whose own source is
 * not among them gives its place to the first of its `also` that is, with the rest of those;
 * citations of other sources are dropped from `also`. A source that is not there is never named,
 * not even as a second teller. The caller sorts again (the new lead may sort elsewhere).
 */
function onlyFrom(events: readonly TimelineEvent[], sources: ReadonlyMap<string, Source>): TimelineEvent[] {
	const out: TimelineEvent[] = [];
	for (const e of events) {
		const tellers = [e as EventCitation, ...e.also].filter(
			(c) => sources.get(c.source.id)?.library === c.source.library,
		);
		const lead = tellers[0];
		if (lead === undefined) continue;
		if (lead === e && tellers.length === e.also.length + 1) out.push(e);
		else out.push({ ...e, source: lead.source, paragraph: lead.paragraph, text: lead.text, also: tellers.slice(1) });
	}
	return out;
}

/**
 * Carries a computed timeline over to the corpus left after removing sources (`removeFromCorpus`):
 * their events go, twins told by another source stay, and the rest is merged again, so the events
 * are those a rebuild from the texts left gives. Nothing is done while `before`'s timeline has not
 * been asked for.
 */
export function shrinkTimeline(before: Corpus, after: Corpus): void {
	const old = memo.get(before);
	if (old === undefined || memo.has(after)) return;
	// Merged again rather than filtered: an event whose lead went may no longer be one with each of
	// its other tellers, and its next teller would sit out of order. As a rebuild would list them.
	const left = tellings(old).filter((e) => after.byId.get(e.source.id)?.library === e.source.library);
	memo.set(after, mergeEvents(sortEvents(left, after), after));
}

/** Every sentence of merged events as an event of its own, unmerged: what {@link mergeEvents} was given. */
function tellings(events: readonly TimelineEvent[]): TimelineEvent[] {
	return events.flatMap((e): TimelineEvent[] => [{ ...e, also: [] }, ...e.also.map((a) => ({ ...e, ...a, also: [] }))]);
}

/**
 * Sorts events in timeline order ({@link compareEvents}) and, within one paragraph, in the order of
 * their sentences: the order {@link timelineEvents} merges events in. Events carried over from
 * merged ones lost it (a sentence merged into an earlier source's event comes out at that event's
 * place), and which event another joins depends on it. A sentence's offset is found among its
 * paragraph's sentences, a repeated sentence's k-th event of a date at its k-th occurrence; only
 * paragraphs with more than one event are split again.
 */
function sortEvents(events: TimelineEvent[], corpus: Corpus): TimelineEvent[] {
	const whereOf = (e: TimelineEvent) => `${e.source.id}\n${e.paragraph}`;
	const count = new Map<string, number>();
	for (const e of events) count.set(whereOf(e), (count.get(whereOf(e)) ?? 0) + 1);
	const sentences = new Map<string, Map<string, number[]>>();
	const taken = new Map<string, number>();
	const offset = new Map<TimelineEvent, number>();
	for (const e of events) {
		const where = whereOf(e);
		if (count.get(where)! < 2) continue;
		let found = sentences.get(where);
		if (found === undefined) {
			found = new Map();
			const text = corpus.paragraphsOf.get(e.source.id)?.[e.paragraph]?.text ?? '';
			for (const { start, end } of splitSentences(text)) {
				const sentence = text.slice(start, end);
				const list = found.get(sentence);
				if (list === undefined) found.set(sentence, [start]);
				else list.push(start);
			}
			sentences.set(where, found);
		}
		const key = `${where}\n${e.date}\n${e.precision}\n${e.text}`;
		const k = taken.get(key) ?? 0;
		taken.set(key, k + 1);
		const at = found.get(e.text);
		offset.set(e, at?.[Math.min(k, at.length - 1)] ?? 0);
	}
	return events.sort((a, b) => compareEvents(a, b) || (offset.get(a) ?? 0) - (offset.get(b) ?? 0));
}

/**
 * Seeds the memo with events computed earlier for this very corpus, e.g. read back from the index
 * cache (which must then be keyed by `DATES_VERSION` of dates.ts and the analyzer version too, since merging
 * compares analyzed terms). {@link timelineEvents} returns them as given.
 */
export function rememberTimelineEvents(corpus: Corpus, events: readonly TimelineEvent[]): void {
	memo.set(corpus, events);
}

/**
 * Carries a computed timeline over to a corpus that `added` sources have joined ((`extendCorpus`)):
 * only the new sources' sentences are read for dates (the slow part), then the events are ordered
 * and merged again as {@link timelineEvents} would. Nothing is done while `before`'s timeline has
 * not been asked for: `after`'s is then computed whole when first asked for, as it would have been.
 */
export function extendTimeline(before: Corpus, after: Corpus, added: readonly Source[]): void {
	const old = memo.get(before);
	if (old === undefined || memo.has(after)) return;
	const raw = tellings(old);
	for (const s of added) raw.push(...sourceEvents(after.paragraphsOf.get(s.id) ?? []));
	memo.set(after, mergeEvents(sortEvents(raw, after), after));
}

/** Which events to list. Every field is optional; none lists them all. */
export interface TimelineFilter {
	/** Keep events whose date interval ends on or after the start of this date. */
	readonly since?: PartialDate | undefined;
	/** Keep events whose date interval starts on or before the end of this date. */
	readonly until?: PartialDate | undefined;
	/** Keep events told by this source (first or in `also`). */
	readonly source?: string | undefined;
	/** Keep events whose sentence shares an informative term with this text (analyzed as /ask does). */
	readonly query?: string | undefined;
	/** At most this many events, the newest. */
	readonly limit?: number | undefined;
}

/** The events a filter keeps, and how many it kept before the limit. */
export interface Timeline {
	readonly events: readonly TimelineEvent[];
	readonly total: number;
}

/** Whether an event's sentence shares a term with the query's informative terms (or their alternatives). */
function queryMatcher(query: string, corpus: Corpus): (event: TimelineEvent) => boolean {
	const { analyzer } = corpus.index;
	const wanted = new Set<string>();
	for (const t of analyzer.analyzeQuestion(query, undefined, corpusLanguages(corpus))) {
		wanted.add(t.term);
		for (const alternative of t.alternatives.keys()) wanted.add(alternative);
	}
	return (event) => analyzer.terms(event.text, eventLanguage(corpus, event)).some((t) => wanted.has(t));
}

/** The language an event's sentence is analyzed in: its source's (undefined: English). */
function eventLanguage(corpus: Corpus, event: EventCitation): Language | undefined {
	const source = corpus.byId.get(event.source.id);
	return source === undefined ? undefined : languageOf(source);
}

/** The corpus's events a filter keeps, in timeline order. */
export function timeline(corpus: Corpus, filter: TimelineFilter = {}): Timeline {
	const since = filter.since === undefined ? undefined : dateRange(filter.since).start;
	const until = filter.until === undefined ? undefined : dateRange(filter.until).end;
	const matches = filter.query === undefined ? undefined : queryMatcher(filter.query, corpus);
	const kept = timelineEvents(corpus).filter((e) => {
		const range = dateRange(e);
		if (since !== undefined && range.end < since) return false;
		if (until !== undefined && range.start > until) return false;
		if (
			filter.source !== undefined &&
			e.source.id !== filter.source &&
			!e.also.some((a) => a.source.id === filter.source)
		)
			return false;
		return matches === undefined || matches(e);
	});
	return { events: filter.limit === undefined ? kept : kept.slice(0, filter.limit), total: kept.length };
}
