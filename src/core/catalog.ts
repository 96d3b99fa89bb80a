import { z } from 'zod';
import type { Problem } from './result.js';
import { boundParagraph, MAX_PARAGRAPH_CHARS } from './text/bound-paragraph.js';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Longest address, title and publisher a source may have. Each is shown in every reply that cites
 * it (a link passing Discord's 2,048 characters fails the whole message); real articles' are far
 * shorter, so ingestion shortens a longer title or publisher and refuses a longer address.
 */
export const MAX_URL_CHARS = 1_000;
export const MAX_TITLE_CHARS = 300;
export const MAX_PUBLISHER_CHARS = 100;

/** The library every server reads: the default corpus and what the operator adds. */
export const SHARED_LIBRARY = 'shared';

/** `shared`, or `guild:<id>` for one Discord server's own library. */
export const LibrarySchema = z
	.string()
	.regex(/^(?:shared|guild:\d{5,25})$/, 'a library: "shared" or "guild:<server id>"');

export type Library = z.infer<typeof LibrarySchema>;

/** One server's library. */
export const guildLibrary = (guildId: string): Library => `guild:${guildId}`;

/** The libraries a reader of `library` sees: the shared one, and its own if it is a server's. */
export const readableLibraries = (library: Library): Library[] =>
	library === SHARED_LIBRARY ? [SHARED_LIBRARY] : [SHARED_LIBRARY, library];

/** One entry of `sources.json`: an article's metadata and the file that holds its text. */
export const SourceSchema = z.object({
	id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lowercase letters, digits, ".", "_" or "-"'),
	file: z.string().min(1),
	title: z.string().trim().min(1).max(MAX_TITLE_CHARS),
	publisher: z.string().trim().min(1).max(MAX_PUBLISHER_CHARS),
	url: z.url({ protocol: /^https?$/ }).max(MAX_URL_CHARS),
	/**
	 * The host (with its port, if any) the text was fetched from. Optional, so catalogs written
	 * before it, or by hand, load as they are; an ingest from the web always sets it, and `url` is
	 * then on the same site (a page's claim to another site's address is not believed).
	 */
	host: z.string().min(1).optional(),
	published: z
		.string()
		.regex(ISO_DAY, 'a date as YYYY-MM-DD')
		.refine(
			(d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
			'not a real date',
		)
		.optional(),
	authors: z.array(z.string()).default([]),
	/**
	 * Whose source it is: `shared` (the default corpus and what the operator adds: every server reads
	 * it) or one server's own, `guild:<id>`. Absent in catalogs written before libraries: shared.
	 */
	library: LibrarySchema.default(SHARED_LIBRARY),
	/** Who added it (a Discord user id, or `operator` for the command line) and when (ISO 8601); absent in older entries. */
	addedBy: z.string().min(1).max(40).optional(),
	addedAt: z.iso.datetime().optional(),
	/**
	 * The language the text is written in, an ISO 639 primary subtag ("fr", "pt"), as the page said
	 * (`<html lang>`, `og:locale`) or as detected at ingest. Absent: English, as every entry before it.
	 * Its passages are analyzed with that language's stemmer and stop words (text/languages.ts).
	 */
	language: z
		.string()
		.regex(/^[a-z]{2,3}$/, 'a language code: two or three lowercase letters')
		.optional(),
});

export type Source = z.infer<typeof SourceSchema>;

/** The sources that are valid, and a problem for each entry that is not. */
export interface Catalog {
	readonly sources: readonly Source[];
	readonly problems: readonly Problem[];
}

function entryId(entry: unknown, index: number): string {
	if (typeof entry === 'object' && entry !== null && 'id' in entry && typeof entry.id === 'string') return entry.id;
	return `#${index}`;
}

/**
 * Validates a parsed `sources.json`. Each bad entry becomes a {@link Problem} naming its id and field;
 * the good entries load all the same. A duplicate id keeps its first entry.
 */
export function parseCatalog(json: unknown): Catalog {
	if (!Array.isArray(json))
		return { sources: [], problems: [{ message: 'sources.json must hold an array of sources' }] };
	const sources: Source[] = [];
	const problems: Problem[] = [];
	const seen = new Set<string>();
	json.forEach((entry: unknown, index) => {
		const parsed = SourceSchema.safeParse(entry);
		const id = entryId(entry, index);
		if (!parsed.success) {
			for (const issue of parsed.error.issues)
				problems.push({ id, field: issue.path.join('.'), message: issue.message });
			return;
		}
		if (seen.has(parsed.data.id)) {
			problems.push({ id, field: 'id', message: 'duplicate id; the first entry is kept' });
			return;
		}
		seen.add(parsed.data.id);
		sources.push(parsed.data);
	});
	return { sources, problems };
}

/** A paragraph: one non-empty line of a source's text, or a piece of a line too long (see {@link splitParagraphs}). */
export interface Paragraph {
	readonly source: Source;
	/** 0-based among the source's paragraphs. */
	readonly n: number;
	/** The line or its piece, byte for byte (no trimming of a whole line: quotes are checked against it). */
	readonly text: string;
}

const lines = (text: string): string[] => text.split(/\r?\n/).filter((line) => line.trim().length > 0);

/**
 * Splits a source's text into paragraphs: every line holding a non-space character. A line longer
 * than {@link MAX_PARAGRAPH_CHARS} is served as pieces cut at sentence ends (else at spaces) rather
 * than refused: the text stays quotable and verbatim (each piece is a substring of the line), and an
 * operator's one overlong line does not cost the whole source; {@link overlongLines} says which.
 */
export function splitParagraphs(source: Source, text: string): Paragraph[] {
	const paragraphs: Paragraph[] = [];
	for (const line of lines(text)) {
		if (line.length <= MAX_PARAGRAPH_CHARS) paragraphs.push({ source, n: paragraphs.length, text: line });
		else
			for (const piece of boundParagraph(line))
				paragraphs.push({ source, n: paragraphs.length, text: line.slice(piece.start, piece.end) });
	}
	return paragraphs;
}

/**
 * A warning for each line of a source's text that {@link splitParagraphs} cuts into pieces, naming the
 * source and the line as an editor numbers it (1-based, blank lines counted), so the operator can break
 * it where the article does.
 */
export function overlongLines(source: Source, text: string): Problem[] {
	const problems: Problem[] = [];
	text.split(/\r?\n/).forEach((line, i) => {
		if (line.length > MAX_PARAGRAPH_CHARS && line.trim().length > 0)
			problems.push({
				id: source.id,
				field: `line ${i + 1}`,
				message: `${line.length} characters, over ${MAX_PARAGRAPH_CHARS}: served as several paragraphs cut at sentence ends`,
			});
	});
	return problems;
}

/** What a source's publication date reads as where none is known: shown, never guessed. */
export const UNKNOWN_DATE = 'date unknown';

/** What an addition of a source with no known date is told, after what was added. */
export const UNDATED_NOTE =
	'Its page states no publication date, so it is shown as “date unknown”, and the dates it gives only relative to that day (“last month”, “on Saturday”) are not put on the timeline.';

/** A source's publication date as shown: its day, or {@link UNKNOWN_DATE}. */
export const publishedLabel = (source: Pick<Source, 'published'>): string => source.published ?? UNKNOWN_DATE;

/** The metadata a quote is cited with. */
export type Citation = Pick<Source, 'id' | 'title' | 'publisher' | 'url' | 'published' | 'library'>;

/** The metadata a quote or an event is cited with, copied from its source. */
export function citation(source: Source): Citation {
	return {
		id: source.id,
		title: source.title,
		publisher: source.publisher,
		url: source.url,
		...(source.published === undefined ? {} : { published: source.published }),
		library: source.library,
	};
}
