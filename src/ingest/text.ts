import { boundParagraph } from '../core/text/bound-paragraph.js';
/** Characters that show nothing and only break searching and quoting: zero-width, BOM, soft hyphen, controls. */
// eslint-disable-next-line no-control-regex -- control characters are what this pattern removes.
const INVISIBLE = /[\u00ad\u200b\u2060\ufeff\u0000-\u0008\u000e-\u001f\u007f]/g;

/** One paragraph's text: invisible characters dropped, every run of whitespace one space, trimmed. */
export function normalizeSpace(text: string): string {
	return text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/**
 * Format characters (Unicode category Cf: bidi overrides and isolates such as U+202E and
 * U+2066–2069, zero-width spaces and joiners, soft hyphens) dropped: in a title, publisher or
 * author they can make a card read other than what it holds ("moc.sretuer" shown as "reuters.com").
 */
export const stripFormatCharacters = (text: string): string => text.replace(/\p{Cf}/gu, '');

/** A line that ends a sentence (or a heading's colon), so the next line starts a new paragraph. */
const ENDS_SENTENCE = /[.!?:;"”’»)\]]\s*$/;

/**
 * Whether blank-line-separated blocks are hard-wrapped paragraphs: lines broken inside blocks mostly
 * stop mid-sentence ("…after a" / "three-week pause…"), where one paragraph a line ends sentences.
 */
function isHardWrapped(blocks: readonly string[][]): boolean {
	const inner = blocks.flatMap((b) => b.slice(0, -1));
	if (blocks.length < 2 || inner.length === 0) return false;
	return inner.filter((line) => !ENDS_SENTENCE.test(line)).length * 2 > inner.length;
}

/**
 * Plain text as paragraphs: one a line, or, when blank lines separate hard-wrapped blocks, one a
 * block (its lines joined).
 */
export function textParagraphs(text: string): string[] {
	const blocks: string[][] = [[]];
	for (const line of text.split(/\r\n|\r|\n/)) {
		if (line.trim() !== '') blocks.at(-1)!.push(line);
		else if (blocks.at(-1)!.length > 0) blocks.push([]);
	}
	const paragraphs = isHardWrapped(blocks) ? blocks.map((b) => b.join(' ')) : blocks.flat();
	return paragraphs.map(normalizeSpace).filter((p) => p.length > 0);
}

/**
 * Paragraphs as stored: any longer than `MAX_PARAGRAPH_CHARS` cut at sentence ends (else at spaces),
 * so a page with one huge block is written as the paragraphs loading would serve anyway, and the
 * loader's warning about an overlong line is left for hand-made files.
 */
export const boundParagraphs = (paragraphs: readonly string[]): string[] =>
	paragraphs.flatMap((p) => boundParagraph(p).map((s) => p.slice(s.start, s.end)));

/** A source's stored text: one paragraph a line, ending with a newline. */
export const joinParagraphs = (paragraphs: readonly string[]): string => `${paragraphs.join('\n')}\n`;

/**
 * Splits `---`-fenced front matter (`key: value` lines, as Markdown files often start with) from the
 * body. Keys are lowercased; quotes and `[a, b]` brackets around values are removed.
 */
export function splitFrontMatter(text: string): { fields: Record<string, string>; body: string } {
	const match = /^\ufeff?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
	if (match === null) return { fields: {}, body: text };
	const fields: Record<string, string> = {};
	for (const line of match[1]!.split(/\r?\n/)) {
		const kv = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(line);
		if (kv === null) continue;
		const value = kv[2]!
			.trim()
			.replace(/^\[(.*)\]$/, '$1')
			.replace(/^(["'])(.*)\1$/, '$2')
			.trim();
		if (value !== '') fields[kv[1]!.toLowerCase()] = value;
	}
	return { fields, body: text.slice(match[0].length) };
}
