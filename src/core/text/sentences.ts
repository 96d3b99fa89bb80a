/** A span of a paragraph, in UTF-16 offsets: `text.slice(start, end)`. */
export interface Span {
	readonly start: number;
	readonly end: number;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * Words after which a full stop does not end a sentence. ICU's sentence rules break after
 * "U.S. President" and "Dr. Smith"; these rejoin such pieces.
 */
const ABBREVIATIONS = new Set(
	`mr mrs ms dr prof sr jr st gen col lt sgt capt cmdr adm gov sen rep amb pres hon rev jan feb mar apr
	jun jul aug sep sept oct nov dec no nos vol vols fig figs vs al inc ltd co corp dept univ approx
	est mt ft op ed eds pp cf e.g i.e`.split(/\s+/),
);

/**
 * Longest word, in UTF-16 units, checked for an abbreviation or a run of initials. Looking back only
 * this far keeps each check constant-time: the old check re-read the whole growing sentence after
 * every "Dr.", quadratic on a paragraph of them. The longest abbreviation is 6 letters and real runs of
 * initials ("U.S.S.R.") stay far below; a longer run of letters and stops is read as no abbreviation.
 */
const MAX_ABBREVIATION_LENGTH = 64;

/** Characters that may stand before an abbreviation: white space, an opening bracket or quote. */
const BEFORE_WORD = /[\s(“"‘'[]/;
const LETTER = /\p{L}/u;

/**
 * Where the run of letters and full stops that ends at `end` starts, looking back no further than
 * `from` nor than {@link MAX_ABBREVIATION_LENGTH}: -1 when the run is longer than that.
 */
function wordStart(text: string, from: number, end: number): number {
	let i = end;
	while (i > from) {
		const c = text.charCodeAt(i - 1);
		// A low surrogate: the letter is the pair it closes.
		const width = c >= 0xdc00 && c <= 0xdfff && i - 2 >= from ? 2 : 1;
		const ch = text.slice(i - width, i);
		if (ch !== '.' && !LETTER.test(ch)) break;
		i -= width;
		if (end - i > MAX_ABBREVIATION_LENGTH) return -1;
	}
	return i;
}

/**
 * `text.slice(from, end)` ends with an abbreviation or an initial ("U.S.", "J."), not a sentence's
 * end. Reads only the last word, so a check costs the same however long the sentence has grown.
 */
function endsWithAbbreviation(text: string, from: number, end: number): boolean {
	let e = end;
	while (e > from && /\s/.test(text[e - 1]!)) e--;
	if (e === from || text[e - 1] !== '.') return false;
	const s = wordStart(text, from, e);
	if (s < 0 || (s > from && !BEFORE_WORD.test(text[s - 1]!))) return false;
	const word = text.slice(s, e);
	if (/^(?:\p{L}\.)+$/u.test(word)) return /^\p{Lu}/u.test(word) || word.length > 2;
	return /^\p{L}+\.$/u.test(word) && ABBREVIATIONS.has(word.slice(0, -1).toLowerCase());
}

/** The span without white space at either end; null when nothing is left. */
export function trimSpan(text: string, start: number, end: number): Span | null {
	let s = start;
	let e = end;
	while (s < e && /\s/.test(text[s]!)) s++;
	while (e > s && /\s/.test(text[e - 1]!)) e--;
	return s < e ? { start: s, end: e } : null;
}

/**
 * Longest text handed to `Intl.Segmenter` at once, in UTF-16 units. V8's sentence segmenter slows
 * down more than linearly with the length of its input (1 MB of news sentences: over a minute; in 8k
 * pieces, 0.2 s), so a longer text is segmented in pieces cut where a sentence ends. Above
 * `MAX_PARAGRAPH_CHARS` (catalog.ts), so a paragraph as stored is always segmented whole.
 */
export const SEGMENT_CHUNK = 8_192;

/**
 * Where the piece of `text` segmented from `from` ends: the whole rest when short enough, else after
 * the last sentence end (". " before a letter) in its second half, else after the last space, else
 * at the limit (never inside a surrogate pair).
 */
function chunkEnd(text: string, from: number): number {
	const limit = from + SEGMENT_CHUNK;
	if (limit >= text.length) return text.length;
	let space = -1;
	for (let i = limit; i > from + SEGMENT_CHUNK / 2; i--) {
		if (!/\s/.test(text[i - 1]!) || /\s/.test(text[i]!)) continue;
		let j = i - 1;
		while (j > from && /\s/.test(text[j - 1]!)) j--;
		if (/[.!?]/.test(text[j - 1] ?? '')) return i;
		if (space < 0) space = i;
	}
	if (space > 0) return space;
	const c = text.charCodeAt(limit);
	return c >= 0xdc00 && c <= 0xdfff ? limit - 1 : limit;
}

/**
 * ICU's segments, with footnote markers kept with the sentence they close: ICU breaks
 * "corridor.[2] The" after the bracket, leaving "2]" to open the next sentence.
 */
function segments(text: string): Span[] {
	const out: Span[] = [];
	for (let from = 0; from < text.length;) {
		const to = chunkEnd(text, from);
		for (const { segment, index } of segmenter.segment(text.slice(from, to)))
			out.push({ start: from + index, end: from + index + segment.length });
		from = to;
	}
	for (let i = 0; i + 1 < out.length; i++) {
		const here = out[i]!;
		if (text[here.end - 1] !== '[') continue;
		const close = /^[^\s\]]{0,8}\]\s*/.exec(text.slice(here.end));
		if (close === null) continue;
		const cut = here.end + close[0].length;
		out[i] = { start: here.start, end: cut };
		out[i + 1] = { start: cut, end: Math.max(cut, out[i + 1]!.end) };
	}
	return out;
}

/**
 * Splits a paragraph into sentences with `Intl.Segmenter`, rejoining breaks after abbreviations and
 * initials. Spans are trimmed of surrounding white space and cover every non-space character.
 */
export function splitSentences(text: string): Span[] {
	const spans: Span[] = [];
	let pendingStart = -1;
	for (const segment of segments(text)) {
		const start = pendingStart >= 0 ? pendingStart : segment.start;
		const end = segment.end;
		if (end < text.length && endsWithAbbreviation(text, start, end)) {
			pendingStart = start;
			continue;
		}
		pendingStart = -1;
		const span = trimSpan(text, start, end);
		if (span !== null) spans.push(span);
	}
	if (pendingStart >= 0) {
		const span = trimSpan(text, pendingStart, text.length);
		if (span !== null) spans.push(span);
	}
	return spans;
}

const CLAUSE_BREAK = /[,;:](?=\s)|\s[–—-](?=\s)/g;

/**
 * Splits a sentence span into clauses at commas, semicolons, colons and dashes, so a sentence too
 * long to quote whole can be quoted in part. Each clause keeps its closing punctuation.
 */
export function splitClauses(text: string, sentence: Span): Span[] {
	const body = text.slice(sentence.start, sentence.end);
	const spans: Span[] = [];
	let from = 0;
	for (const m of body.matchAll(CLAUSE_BREAK)) {
		const cut = m.index + (m[0].startsWith(' ') ? 0 : m[0].length);
		const span = trimSpan(text, sentence.start + from, sentence.start + cut);
		if (span !== null) spans.push(span);
		from = cut;
	}
	const last = trimSpan(text, sentence.start + from, sentence.end);
	if (last !== null) spans.push(last);
	return spans;
}
