import { dateRange, type PartialDate } from '../dates/dates.js';
import type { TimelineEvent } from '../dates/timeline.js';

/**
 * One line of /timeline: a sentence of a source with every date of it the filters kept. The core's
 * timeline lists a sentence once per date it states (the `cli timeline --json` contract); a reader
 * wants it once, with its dates together.
 */
export interface TimelineEntry {
	/** The sentence's dates, oldest first, each once; a year or month is left out when a finer date of it is there. */
	readonly dates: readonly PartialDate[];
	/** The first event of the sentence in timeline order: its source, paragraph and text cite the line. */
	readonly event: TimelineEvent;
	/** Who tells it: the event's publisher first, then those of the sources it was merged with, each once. */
	readonly publishers: readonly string[];
	/** Every date of it is after today: it is listed under "Scheduled", after what happened. */
	readonly scheduled: boolean;
}

/**
 * Whether a date lies wholly after `today` (`YYYY-MM-DD`): "December 2026" is after 29 November 2026,
 * "2026" is not (it has begun). Such an event has not happened yet: it is scheduled, or announced.
 */
export const isAfter = (date: PartialDate, today: string): boolean => dateRange(date).start > today;

interface Group {
	readonly event: TimelineEvent;
	readonly dates: Map<string, PartialDate>;
	readonly publishers: Set<string>;
}

const sentenceKey = (e: TimelineEvent) => `${e.source.library}\n${e.source.id}\n${e.paragraph}\n${e.text}`;

/** The events grouped by sentence, in the order of their first event: what each line of /timeline shows. */
function groupBySentence(events: readonly TimelineEvent[]): Map<string, Group> {
	const groups = new Map<string, Group>();
	for (const e of events) {
		const key = sentenceKey(e);
		let group = groups.get(key);
		if (group === undefined) {
			group = { event: e, dates: new Map(), publishers: new Set([e.source.publisher]) };
			groups.set(key, group);
		}
		group.dates.set(e.date, { date: e.date, precision: e.precision });
		for (const a of e.also) group.publishers.add(a.source.publisher);
	}
	return groups;
}

/**
 * A sentence's dates, oldest first, without those a finer one of it falls within: "in summer 2024 …
 * in July and October 2024" is dated July and October 2024, not also 2024.
 */
function finestDates(dates: Iterable<PartialDate>): PartialDate[] {
	const all = [...dates];
	return all
		.filter((d) => !all.some((o) => o.date.startsWith(`${d.date}-`)))
		.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function toEntry(g: Group, today: string): TimelineEntry {
	const dates = finestDates(g.dates.values());
	const scheduled = dates.every((d) => isAfter(d, today));
	return { dates, event: g.event, publishers: [...g.publishers], scheduled };
}

/**
 * The lines of /timeline from events in timeline order (newest first): a sentence stating several
 * dates is one entry. What happened by `today` (`YYYY-MM-DD`) comes first, newest first, each at
 * the place of its newest past date; then what is dated after today, soonest first, so no
 * announcement heads the list above the events that happened. A sentence with dates on both sides of
 * today stays among the past ones (its later dates are marked when rendered).
 */
export function timelineEntries(events: readonly TimelineEvent[], today: string): TimelineEntry[] {
	const entries = new Map<string, TimelineEntry>();
	for (const [key, group] of groupBySentence(events)) entries.set(key, toEntry(group, today));
	const past: TimelineEntry[] = [];
	const placed = new Set<string>();
	for (const e of events) {
		const key = sentenceKey(e);
		const entry = entries.get(key)!;
		if (placed.has(key) || entry.scheduled || !entry.dates.some((d) => d.date === e.date && !isAfter(d, today)))
			continue;
		placed.add(key);
		past.push(entry);
	}
	const scheduled: TimelineEntry[] = [];
	// Oldest first: each scheduled sentence at its earliest date.
	for (let i = events.length - 1; i >= 0; i--) {
		const key = sentenceKey(events[i]!);
		if (placed.has(key) || !entries.get(key)!.scheduled) continue;
		placed.add(key);
		scheduled.push(entries.get(key)!);
	}
	return [...past, ...scheduled];
}
