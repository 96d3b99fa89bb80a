import { z } from 'zod';
import { publishedLabel, UNDATED_NOTE, type Library, type Source } from '../core/catalog.js';
import { UsageError } from '../env.js';
import type { IngestOutcome } from '../ingest/commit.js';
import { ingestFeed, type FeedReport } from '../ingest/feed.js';
import { ingestSource, type IngestOptions, type Overrides } from '../ingest/ingest.js';
import { exitCodeOf, type IngestProblem } from '../ingest/problem.js';
import type { Quotas } from '../ingest/quota.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';
import { parseCommandArgs } from './args.js';

const USAGE =
	'ingest <file|url>… [--title T] [--url U] [--published YYYY-MM-DD] [--publisher P] [--language xx] [--json], or ingest --feed <url> [--json]';

/** What `ingest` runs with: no corpus (it works on the data directory itself). */
export interface IngestContext {
	readonly dataDir: string;
	/** Where sources go: PostgreSQL with DATABASE_URL; the data directory when not given. */
	readonly store?: Store;
	/** --library: where ingest adds and remove takes out. */
	readonly library: Library;
	/** MAX_DATA_MB and the per-server limits. */
	readonly quotas?: Quotas;
	readonly allowPrivateHosts: boolean;
	/** FETCH_PORTS. */
	readonly fetchPorts: readonly number[];
	readonly log: Logger;
	/** A result line on stdout. */
	readonly write: (line: string) => void;
	/** A problem line on stderr. */
	readonly warn: (line: string) => void;
}

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const day = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
	.refine((d) => {
		const ms = Date.parse(`${d}T00:00:00Z`);
		return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(d);
	}, 'is not a real date');
const words = (max: number) => z.string().trim().min(1, 'is empty').max(max, `is longer than ${max} characters`);

const FlagsSchema = z.object({
	title: words(500).optional(),
	url: httpUrl.optional(),
	published: day.optional(),
	publisher: words(200).optional(),
	language: z
		.string()
		.trim()
		.transform((l) => l.toLowerCase())
		.pipe(z.string().regex(/^[a-z]{2,3}$/, 'must be a language code such as fr or pt'))
		.optional(),
	feed: httpUrl.optional(),
	json: z.boolean().optional(),
});

type Flags = z.infer<typeof FlagsSchema>;

function parseFlags(args: string[]): { flags: Flags; inputs: string[] } {
	const { values, positionals } = parseCommandArgs(args, {
		title: { type: 'string' },
		url: { type: 'string' },
		published: { type: 'string' },
		publisher: { type: 'string' },
		language: { type: 'string' },
		feed: { type: 'string' },
		json: { type: 'boolean' },
	});
	const parsed = FlagsSchema.safeParse(values);
	if (!parsed.success)
		throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join('.')} ${i.message}`).join('; '));
	const flags = parsed.data;
	if (flags.feed !== undefined && positionals.length > 0)
		throw new UsageError('give either --feed <url> or files and URLs, not both');
	if (flags.feed !== undefined && (flags.title ?? flags.url ?? flags.published) !== undefined)
		throw new UsageError('--title, --url and --published describe one article; they do not go with --feed');
	if (flags.feed === undefined && positionals.length === 0)
		throw new UsageError(`ingest needs a file or a URL: ${USAGE}`);
	if (positionals.length > 1 && (flags.title ?? flags.url) !== undefined)
		throw new UsageError('--title and --url describe one article; ingest one input at a time with them');
	return { flags, inputs: positionals };
}

const overridesOf = (flags: Flags): Overrides => ({
	...(flags.title === undefined ? {} : { title: flags.title }),
	...(flags.url === undefined ? {} : { url: flags.url }),
	...(flags.published === undefined ? {} : { published: flags.published }),
	...(flags.publisher === undefined ? {} : { publisher: flags.publisher }),
	...(flags.language === undefined ? {} : { language: flags.language }),
});

const describe = (s: Source) => `${s.id}: "${s.title}" (${s.publisher}, ${publishedLabel(s)}) ${s.url}`;

function outcomeLine(input: string, outcome: IngestOutcome): string {
	if (outcome.status === 'added')
		return `added ${describe(outcome.source)}, ${outcome.paragraphs} paragraphs${outcome.source.published === undefined ? `\n  ${UNDATED_NOTE}` : ''}`;
	if (outcome.status === 'updated')
		return `updated ${describe(outcome.source)}: the article changed, ${outcome.paragraphs} paragraphs replace the old version`;
	return `unchanged: ${input} is already ${outcome.source.id} (same ${outcome.reason === 'url' ? 'URL' : 'text'}); nothing written`;
}

type Entry = { input: string } & ({ status: 'failed'; error: IngestProblem } | IngestOutcome);

/** Ingests each input in turn; returns the exit status (the first failure's, else 0). */
async function ingestInputs(
	inputs: readonly string[],
	flags: Flags,
	options: IngestOptions,
	context: IngestContext,
): Promise<number> {
	const entries: Entry[] = [];
	let status = 0;
	for (const input of inputs) {
		const result = await ingestSource(input, options);
		if (result.ok) {
			entries.push({ input, ...result.value });
			if (flags.json !== true) context.write(outcomeLine(input, result.value));
			continue;
		}
		entries.push({ input, status: 'failed', error: result.error });
		context.warn(
			`error: ${inputs.length > 1 && !result.error.message.includes(input) ? `${input}: ` : ''}${result.error.message}`,
		);
		if (status === 0) status = exitCodeOf(result.error);
	}
	if (flags.json === true) context.write(JSON.stringify({ results: entries }, null, 2));
	return status;
}

function feedLines(report: FeedReport): string[] {
	const summary = `added ${report.added.length}, skipped ${report.skipped}, failed ${report.failed.length}`;
	return [summary, ...report.added.map((s) => `  ${describe(s)}`)];
}

async function ingestFromFeed(
	feed: string,
	flags: Flags,
	options: IngestOptions,
	context: IngestContext,
): Promise<number> {
	const result = await ingestFeed(feed, options);
	if (!result.ok) {
		context.warn(`error: ${result.error.message}`);
		return exitCodeOf(result.error);
	}
	for (const f of result.value.failed) context.warn(`failed ${f.url}: ${f.problem.message}`);
	if (flags.json === true) {
		const { added, skipped, failed } = result.value;
		context.write(
			JSON.stringify({ feed, added, skipped, failed: failed.map((f) => ({ url: f.url, ...f.problem })) }, null, 2),
		);
	} else {
		for (const line of feedLines(result.value)) context.write(line);
	}
	return 0;
}

/**
 * `ingest <file|url>… [--title T] [--url U] [--published YYYY-MM-DD] [--publisher P] [--language xx] [--json]` and
 * `ingest --feed <url> [--json]`: adds sources to the data directory. A refused input is one line
 * on stderr; the exit status is 2 for bad input (a refused host, a 404, a PDF, no article, no
 * date), 1 for the rest. A feed's items that fail are listed and do not change its status.
 */
export async function runIngest(args: string[], context: IngestContext): Promise<number> {
	const { flags, inputs } = parseFlags(args);
	const options: IngestOptions = {
		dataDir: context.dataDir,
		...(context.store === undefined ? {} : { store: context.store }),
		allowPrivateHosts: context.allowPrivateHosts,
		fetch: { ports: context.fetchPorts },
		overrides: overridesOf(flags),
		library: context.library,
		...(context.quotas === undefined ? {} : { quotas: context.quotas }),
	};
	context.log.debug({ inputs: inputs.length, feed: flags.feed !== undefined, dataDir: context.dataDir }, 'ingest');
	if (flags.feed !== undefined) return ingestFromFeed(flags.feed, flags, options, context);
	return ingestInputs(inputs, flags, options, context);
}
