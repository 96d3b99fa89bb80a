import { publishedLabel } from '../core/catalog.js';
import { closeIds } from '../core/text/close-ids.js';
import type { Corpus } from '../core/corpus.js';
import { dateRange, parsePartialDate, type PartialDate } from '../core/dates/dates.js';
import { textFragmentLink } from '../core/render/link.js';
import { timeline, type TimelineEvent } from '../core/dates/timeline.js';
import { UsageError } from '../env.js';
import { parseCommandArgs, positiveInt } from './args.js';

/** The largest --limit accepted (the default lists every event). */
const MAX_LIMIT = 1_000_000;
const MAX_QUERY_LENGTH = 3_000;

/** A --since or --until value: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or a UsageError naming the flag. */
function dateFlag(name: string, value: string | undefined): PartialDate | undefined {
	if (value === undefined) return undefined;
	const date = parsePartialDate(value);
	if (date === null)
		throw new UsageError(`--${name} must be a date as YYYY, YYYY-MM or YYYY-MM-DD (got "${value.slice(0, 40)}")`);
	return date;
}

function sourceFlag(corpus: Corpus, id: string | undefined): string | undefined {
	if (id === undefined || corpus.byId.has(id)) return id;
	const ids = [...corpus.byId.keys()];
	const close = closeIds(ids, id);
	const hint =
		close.length > 0
			? `did you mean ${close.join(', ')}?`
			: `known ids: ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}`;
	throw new UsageError(`no source "${id.slice(0, 80)}": ${hint}`);
}

function queryFlag(query: string | undefined): string | undefined {
	if (query === undefined) return undefined;
	if (query.trim().length === 0) throw new UsageError('--query is empty: give the words events must match');
	if (query.length > MAX_QUERY_LENGTH)
		throw new UsageError(`--query is ${query.length} characters long; the limit is ${MAX_QUERY_LENGTH}`);
	return query;
}

/** An event as INTERFACE.md gives it, plus a `link` to the sentence and, when merged, `also`. */
function eventJson(e: TimelineEvent): object {
	const also = e.also.map((a) => ({ ...a, link: textFragmentLink(a.source.url, a.text) }));
	return {
		date: e.date,
		precision: e.precision,
		text: e.text,
		source: e.source,
		paragraph: e.paragraph,
		link: textFragmentLink(e.source.url, e.text),
		...(also.length > 0 ? { also } : {}),
	};
}

/** `timeline [--json] [--since DATE] [--until DATE] [--source ID] [--query TEXT] [--limit N]`. */
export function runTimeline(args: string[], corpus: Corpus, write: (s: string) => void): void {
	const { values, positionals } = parseCommandArgs(args, {
		json: { type: 'boolean' },
		since: { type: 'string' },
		until: { type: 'string' },
		source: { type: 'string' },
		query: { type: 'string' },
		limit: { type: 'string' },
	});
	if (positionals.length > 0)
		throw new UsageError(
			`timeline takes no positional arguments (got "${positionals[0]!.slice(0, 40)}"); use --query TEXT`,
		);
	const since = dateFlag('since', values.since);
	const until = dateFlag('until', values.until);
	if (since !== undefined && until !== undefined && dateRange(since).start > dateRange(until).end) {
		throw new UsageError(`--since ${since.date} is after --until ${until.date}`);
	}
	const filter = {
		since,
		until,
		source: sourceFlag(corpus, values.source),
		query: queryFlag(values.query),
		limit: positiveInt('limit', values.limit, MAX_LIMIT, MAX_LIMIT),
	};
	const { events, total } = timeline(corpus, filter);
	if (values.json === true) {
		write(JSON.stringify({ events: events.map(eventJson), total }, null, 2));
		return;
	}
	for (const e of events) write(`${e.date}  ${e.text}  (${e.source.publisher}, ${publishedLabel(e.source)})`);
}
