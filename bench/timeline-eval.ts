import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { projectRoot } from '../src/app.js';
import { timeline } from '../src/core/dates/timeline.js';
import { loadDataDir } from '../src/store/data-dir.js';

/** One line of a timeline eval file (`../shared/eval/timeline-dev.jsonl`, `fresh-dev/timeline.jsonl`). */
export const TimelineItemSchema = z.object({
	id: z.string(),
	source: z.string(),
	date: z
		.string()
		.regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/)
		.nullable(),
	gold: z.string().min(1),
	kind: z.string(),
	note: z.string().default(''),
});
export type TimelineItem = z.infer<typeof TimelineItemSchema>;

/** An event as `timeline --json` lists it (merged twins in `also` count as events of their source). */
export interface ScoredEvent {
	readonly date: string;
	readonly text: string;
	readonly source: { readonly id: string };
	readonly also?: ReadonlyArray<{ readonly text: string; readonly source: { readonly id: string } }>;
}

/** An item the timeline got wrong: an event missed (with the dates its sentence got instead) or a trap sprung. */
export interface TimelineMiss {
	readonly item: TimelineItem;
	/** The dates listed for sentences of that source holding the gold; empty when none was listed. */
	readonly got: readonly string[];
}

export interface TimelineScore {
	/** Events (items with a date) found with their very date and precision. */
	readonly found: number;
	/** Items with a date. */
	readonly total: number;
	/** found ÷ total (0 when there are none). */
	readonly exact: number;
	/** Traps (`kind: "not-an-event"`) whose gold lies in some listed event's text. */
	readonly trapsSprung: number;
	readonly traps: number;
	/** Events missed and traps sprung, in file order. */
	readonly misses: readonly TimelineMiss[];
}

/** Each event and each of its merged twins as one (source, date, text). */
function flatten(events: readonly ScoredEvent[]): Array<{ source: string; date: string; text: string }> {
	return events.flatMap((e) => [
		{ source: e.source.id, date: e.date, text: e.text },
		...(e.also ?? []).map((a) => ({ source: a.source.id, date: e.date, text: a.text })),
	]);
}

/**
 * Scores a timeline against eval items (see `../shared/eval/README.md`): an item with a date is found
 * when an event of its source has a `text` holding the gold and exactly that `date` (the string, so
 * the same precision); a trap (`kind: "not-an-event"`, or no date) is sprung when any event's text holds
 * its gold.
 */
export function scoreTimeline(events: readonly ScoredEvent[], items: readonly TimelineItem[]): TimelineScore {
	const flat = flatten(events);
	const misses: TimelineMiss[] = [];
	let [found, total, traps, trapsSprung] = [0, 0, 0, 0];
	for (const item of items) {
		if (item.kind === 'not-an-event' || item.date === null) {
			traps++;
			const holding = flat.filter((e) => e.text.includes(item.gold));
			if (holding.length > 0) {
				trapsSprung++;
				misses.push({ item, got: holding.map((e) => e.date) });
			}
			continue;
		}
		total++;
		const holding = flat.filter((e) => e.source === item.source && e.text.includes(item.gold));
		if (holding.some((e) => e.date === item.date)) found++;
		else misses.push({ item, got: holding.map((e) => e.date) });
	}
	return { found, total, exact: total === 0 ? 0 : found / total, trapsSprung, traps, misses };
}

export function readTimelineItems(path: string): TimelineItem[] {
	return readFileSync(path, 'utf8')
		.split(/\r?\n/)
		.filter((line) => line.trim().length > 0)
		.map((line) => TimelineItemSchema.parse(JSON.parse(line)));
}

/** A data directory holding the sources of every given data directory, their catalogs concatenated. */
function combinedDataDir(dirs: readonly string[]): { dir: string; remove: () => void } {
	const dir = mkdtempSync(join(tmpdir(), 'verbatim-timeline-eval-'));
	const catalog: Array<{ file: string }> = [];
	for (const from of dirs) {
		for (const source of JSON.parse(readFileSync(join(from, 'sources.json'), 'utf8')) as Array<{ file: string }>) {
			copyFileSync(join(from, source.file), join(dir, source.file));
			catalog.push(source);
		}
	}
	writeFileSync(join(dir, 'sources.json'), JSON.stringify(catalog, null, 2));
	return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The timeline of a data directory, computed afresh (the events cache is neither read nor written). */
async function eventsOf(dir: string): Promise<ScoredEvent[]> {
	const { corpus } = await loadDataDir(dir);
	return [...timeline(corpus).events];
}

const percent = (x: number) => `${(100 * x).toFixed(1)} %`;

function formatMiss({ item, got }: TimelineMiss): string {
	const want = item.date ?? 'no event';
	const listed = got.length === 0 ? 'not listed' : `listed as ${[...new Set(got)].join(', ')}`;
	return `  ${item.id} [${item.kind}] want ${want}, ${listed}: "${item.gold}"\n      ${item.note}`;
}

/**
 * `npm run eval:timeline [-- --json]`: one row per set, timeline-dev on the default corpus (index-data)
 * and fresh-dev on a data directory holding the default corpus and fresh-dev's articles, then the misses.
 */
async function main(): Promise<void> {
	const { values } = parseArgs({ options: { json: { type: 'boolean', default: false } } });
	const root = projectRoot();
	const evalDir = resolve(root, '..', 'shared', 'eval');
	const combined = combinedDataDir([join(root, 'index-data'), join(evalDir, 'fresh-dev', 'corpus')]);
	try {
		const sets = [
			{ name: 'timeline-dev', items: join(evalDir, 'timeline-dev.jsonl'), dir: join(root, 'index-data') },
			{ name: 'fresh-dev', items: join(evalDir, 'fresh-dev', 'timeline.jsonl'), dir: combined.dir },
		];
		const scores = [];
		for (const set of sets)
			scores.push({ set: set.name, ...scoreTimeline(await eventsOf(set.dir), readTimelineItems(set.items)) });
		if (values.json) {
			process.stdout.write(`${JSON.stringify(scores, null, 2)}\n`);
			return;
		}
		const rows = scores.map((s) => [s.set, `${s.found}/${s.total}`, percent(s.exact), `${s.trapsSprung}/${s.traps}`]);
		const table = [['set', 'found', 'exact', 'traps sprung'], ...rows];
		const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
		const lines = table.map((r) =>
			r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '),
		);
		process.stdout.write(`${lines.join('\n')}\n`);
		for (const s of scores)
			if (s.misses.length > 0) process.stdout.write(`\n${s.set} misses:\n${s.misses.map(formatMiss).join('\n')}\n`);
	} finally {
		combined.remove();
	}
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	main().catch((error: unknown) => {
		process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
		process.exitCode = 1;
	});
}
