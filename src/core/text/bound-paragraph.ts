import { splitSentences, trimSpan, type Span } from './sentences.js';

/**
 * The longest paragraph kept whole, in UTF-16 units. The news paragraphs of `index-data/` and the
 * fresh-dev corpus are at most about 1,500 characters (99.9% under 1,400), so 5,000 leaves a wide
 * margin for long-winded writing while bounding every per-paragraph step (sentence splitting, excerpt
 * windows, date reading): one 1 MB line used to stall every answer for minutes. Below
 * `SEGMENT_CHUNK` (sentences.ts), so a paragraph within it is split into sentences as before.
 */
export const MAX_PARAGRAPH_CHARS = 5_000;

/** Where a piece of at most `max` units starting at `start` ends: at the last space, else at `max` (not inside a surrogate pair). */
function wordCut(text: string, start: number, max: number): number {
	const space = text.lastIndexOf(' ', start + max);
	if (space > start) return space;
	const c = text.charCodeAt(start + max);
	return c >= 0xdc00 && c <= 0xdfff ? start + max - 1 : start + max;
}

/**
 * Cuts a paragraph longer than `max` into pieces of at most `max` units: whole sentences packed
 * together, a sentence longer than `max` cut at spaces, a word longer than `max` cut anywhere. Each
 * piece is a trimmed span of `text`, so the pieces quote it verbatim; a paragraph within `max` is one
 * span, untouched.
 */
export function boundParagraph(text: string, max: number = MAX_PARAGRAPH_CHARS): Span[] {
	if (text.length <= max) return [{ start: 0, end: text.length }];
	const out: Span[] = [];
	let start = -1;
	let end = -1;
	const flush = () => {
		const span = start < 0 ? null : trimSpan(text, start, end);
		if (span !== null) out.push(span);
		start = -1;
	};
	for (const sentence of splitSentences(text)) {
		if (start >= 0 && sentence.end - start > max) flush();
		if (sentence.end - sentence.start <= max) {
			if (start < 0) start = sentence.start;
			end = sentence.end;
			continue;
		}
		for (let from = sentence.start; from < sentence.end;) {
			while (/\s/.test(text[from]!)) from++;
			const to = sentence.end - from <= max ? sentence.end : wordCut(text, from, max);
			start = from;
			end = to;
			flush();
			from = to;
		}
	}
	flush();
	return out;
}
