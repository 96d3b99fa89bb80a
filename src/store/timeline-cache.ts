import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { citation } from '../core/catalog.js';
import type { Corpus } from '../core/corpus.js';
import {
	rememberTimelineEvents,
	timelineEvents,
	type EventCitation,
	type TimelineEvent,
} from '../core/dates/timeline.js';
import { writeFileAtomic } from './atomic.js';

const Place = z.object({ s: z.string(), n: z.number().int().nonnegative(), t: z.string() });
const EventsSchema = z.array(
	Place.extend({
		d: z.string().regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/),
		p: z.enum(['day', 'month', 'year']),
		a: z.array(Place).default([]),
	}),
);

type Place = z.infer<typeof Place>;

const place = (e: EventCitation): Place => ({ s: e.source.id, n: e.paragraph, t: e.text });

function citationOf(corpus: Corpus, p: Place): EventCitation | undefined {
	const source = corpus.byId.get(p.s);
	const paragraph = corpus.paragraphsOf.get(p.s)?.[p.n];
	if (source === undefined || paragraph === undefined || !paragraph.text.includes(p.t)) return undefined;
	return { source: citation(source), paragraph: p.n, text: p.t };
}

/** Reads events saved for this corpus; undefined when absent, malformed, or not verbatim in it any more. */
async function readEvents(path: string, corpus: Corpus): Promise<TimelineEvent[] | undefined> {
	try {
		const parsed = EventsSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
		if (!parsed.success) return undefined;
		const events: TimelineEvent[] = [];
		for (const e of parsed.data) {
			const at = citationOf(corpus, e);
			const also = e.a.map((a) => citationOf(corpus, a));
			if (at === undefined || also.some((a) => a === undefined)) return undefined;
			events.push({ ...at, date: e.d, precision: e.p, also: also as EventCitation[] });
		}
		return events;
	} catch {
		return undefined;
	}
}

/**
 * Makes the corpus's timeline ready: read back from `.cache/events-<key>.json` when it was computed
 * for these very files, else computed (date extraction is the slow part) and saved atomically beside
 * the index. Events that are no longer verbatim in their paragraph make the whole file be recomputed.
 */
export async function prepareTimeline(corpus: Corpus, cacheDir: string, key: string): Promise<'hit' | 'built'> {
	const path = join(cacheDir, `events-${key}.json`);
	const saved = await readEvents(path, corpus);
	if (saved !== undefined) {
		rememberTimelineEvents(corpus, saved);
		return 'hit';
	}
	const events = timelineEvents(corpus);
	const compact = events.map((e) => ({ ...place(e), d: e.date, p: e.precision, a: e.also.map(place) }));
	await writeFileAtomic(path, JSON.stringify(compact)).catch(() => undefined);
	return 'built';
}
