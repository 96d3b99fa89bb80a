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

/** The segment ends with an abbreviation or an initial ("U.S.", "J."), not a sentence's end. */
function endsWithAbbreviation(segment: string): boolean {
	const trimmed = segment.trimEnd();
	const match = /(?:^|[\s(“"‘'[])((?:\p{L}\.)+|\p{L}+\.)$/u.exec(trimmed);
	if (match === null) return false;
	const word = match[1]!;
	if (/^(?:\p{L}\.)+$/u.test(word)) return /^\p{Lu}/u.test(word) || word.length > 2;
	return ABBREVIATIONS.has(word.slice(0, -1).toLowerCase());
}

function trimSpan(text: string, start: number, end: number): Span | null {
	let s = start;
	let e = end;
	while (s < e && /\s/.test(text[s]!)) s++;
	while (e > s && /\s/.test(text[e - 1]!)) e--;
	return s < e ? { start: s, end: e } : null;
}

/**
 * ICU's segments, with footnote markers kept with the sentence they close: ICU breaks
 * "corridor.[2] The" after the bracket, leaving "2]" to open the next sentence.
 */
function segments(text: string): Span[] {
	const out: Span[] = [];
	for (const { segment, index } of segmenter.segment(text)) out.push({ start: index, end: index + segment.length });
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
		if (end < text.length && endsWithAbbreviation(text.slice(start, end))) {
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
