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
 * Splits a paragraph into sentences with `Intl.Segmenter`, rejoining breaks after abbreviations and
 * initials. Spans are trimmed of surrounding white space and cover every non-space character.
 */
export function splitSentences(text: string): Span[] {
	const spans: Span[] = [];
	let pendingStart = -1;
	for (const { segment, index } of segmenter.segment(text)) {
		const start = pendingStart >= 0 ? pendingStart : index;
		const end = index + segment.length;
		if (end < text.length && endsWithAbbreviation(segment)) {
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
