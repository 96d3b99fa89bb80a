/** Reading an /ask reply's text back (see renderAnswer in src/core/render/render.ts), for the tests. */

/** One numbered result as the reply writes it. */
export interface ShownResult {
	readonly n: number;
	/** The title line's text after the number: the title, or "Same source as N.". */
	readonly head: string;
	/** The block quote's lines, their "> " taken off. */
	readonly quote: string;
	/** The subtext citation, its "-# " taken off. */
	readonly cite: string;
	/** The masked link's address, if the citation has one. */
	readonly link?: string;
}

const HEAD = /^\*\*(\d+)\.\*\* (.*)$/;
const LINK = /\]\(<([^>]*)>\)/;

/** The results of an /ask reply's content, in order. */
export function shownResults(content: string): ShownResult[] {
	const out: ShownResult[] = [];
	for (const block of content.split('\n\n').slice(1)) {
		const lines = block.split('\n');
		const head = HEAD.exec(lines[0] ?? '');
		const cite = lines.at(-1) ?? '';
		if (head === null || !cite.startsWith('-# ')) continue;
		const quote = lines.slice(1, -1);
		const link = LINK.exec(cite)?.[1];
		out.push({
			n: Number(head[1]),
			head: head[2]!,
			quote: quote.map((l) => l.replace(/^> /, '')).join('\n'),
			cite: cite.slice(3),
			...(link === undefined ? {} : { link }),
		});
	}
	return out;
}

/** Text as Discord shows it: backslash escapes taken off, and the zero-width space that breaks up @everyone. */
export const unescapeMarkdown = (text: string): string => text.replace(/\\(.)/gs, '$1').replace(/@\u200b/g, '@');

/** The citation with its masked link made plain text: what is left is source text and our separators. */
export const citeText = (cite: string): string => cite.replace(/\[(paragraph \d+)\]\(<[^>]*>\)/, '$1');
