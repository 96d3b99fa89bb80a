/** Marks where text was cut: at the end of a piece, and at the start of the piece that goes on. */
export const ELLIPSIS = '…';

const QUOTE_MARK = '> ';
const SENTENCE_END = /[.!?…]["'”’)\]]*\s/g;

/** The last match end of `re` in `text` that lies within (floor, limit], or -1. */
function lastBoundary(text: string, re: RegExp, floor: number, limit: number): number {
	let best = -1;
	for (const m of text.slice(0, limit + 1).matchAll(re)) {
		const end = m.index + m[0].length;
		if (end > floor && end <= limit) best = end;
	}
	return best;
}

/** Backs a hard cut off a markdown escape (`\*`) or a surrogate pair, which a cut would break. */
function safeCut(text: string, cut: number): number {
	let at = cut;
	const code = text.charCodeAt(at - 1);
	if (code >= 0xd800 && code <= 0xdbff) at--;
	let slashes = 0;
	while (at - 1 - slashes >= 0 && text[at - 1 - slashes] === '\\') slashes++;
	return slashes % 2 === 1 ? at - 1 : at;
}

/**
 * Where to cut `text` to keep at most `limit` characters: after a paragraph, else after a line, else
 * after a sentence, else after a word, else anywhere safe. `inLine` says whether the cut falls inside
 * a line (and so needs marking).
 */
function findCut(text: string, limit: number): { at: number; inLine: boolean } {
	const floor = Math.floor(limit / 3);
	const paragraph = text.lastIndexOf('\n\n', limit);
	if (paragraph > floor) return { at: paragraph, inLine: false };
	const line = text.lastIndexOf('\n', limit);
	if (line > floor) return { at: line, inLine: false };
	const sentence = lastBoundary(text, SENTENCE_END, floor, limit);
	if (sentence > 0) return { at: sentence, inLine: true };
	const space = text.lastIndexOf(' ', limit);
	if (space > floor) return { at: space, inLine: true };
	return { at: safeCut(text, limit), inLine: true };
}

/** The block-quote marker of the line holding position `at`, if that line is quoted. */
function quoteMarkAt(text: string, at: number): string {
	const start = text.lastIndexOf('\n', at - 1) + 1;
	return text.startsWith(QUOTE_MARK, start) ? QUOTE_MARK : '';
}

/**
 * Splits text into pieces of at most `max` characters, at paragraph, line, sentence or word
 * boundaries, in that order of preference. A piece cut inside a line ends with "…" and the next
 * begins with "…", after the block-quote marker when the line was quoted, so a quote split in two
 * still reads as a quote and shows where it was cut.
 */
export function splitText(text: string, max: number): string[] {
	if (max < 16) throw new RangeError(`splitText: max ${max} is too small to mark a cut`);
	const pieces: string[] = [];
	let rest = text;
	// Room for "…" at the end of a piece and "> …" at the start of the next.
	const limit = max - ELLIPSIS.length - QUOTE_MARK.length - ELLIPSIS.length;
	while (rest.length > max) {
		const { at, inLine } = findCut(rest, limit);
		const head = rest.slice(0, at).trimEnd();
		const tail = rest.slice(at).replace(/^\s+/, '');
		if (inLine) {
			pieces.push(`${head}${ELLIPSIS}`);
			rest = `${quoteMarkAt(rest, at)}${ELLIPSIS}${tail}`;
		} else {
			pieces.push(head);
			rest = tail;
		}
	}
	if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
	return pieces;
}

/** Shortens text to at most `max` characters at the best boundary, ending with a visible "…". */
export function clip(text: string, max: number): string {
	if (text.length <= max) return text;
	const first = splitText(text, max - 2)[0] ?? '';
	return first.endsWith(ELLIPSIS) ? first : `${first} ${ELLIPSIS}`;
}
