/** Quotes longer than this are linked by their first and last words (`textStart,textEnd`). */
export const LONG_FRAGMENT = 80;
/** Words kept at each end of a long quote's fragment. */
export const FRAGMENT_WORDS = 5;
/**
 * Characters kept at each end of a long quote's fragment when its words are longer than this: text
 * written without spaces (Chinese, Japanese, Thai) is one "word" a sentence, and its whole quote
 * percent-encoded made links of 2,730 characters, past Discord's limit.
 */
export const FRAGMENT_CHARS = 40;
/** A quote of a few words is linked whole up to this length. */
const WHOLE_FRAGMENT_MAX = 200;

/** The first or last `n` characters (code points, so no surrogate pair is cut) of a term. */
function clipTerm(term: string, n: number, end: 'start' | 'end'): string {
	const chars = Array.from(term);
	if (chars.length <= n) return term;
	return (end === 'start' ? chars.slice(0, n) : chars.slice(-n)).join('');
}

/**
 * Percent-encodes a text directive term as the URL Fragment Text Directives spec asks: everything
 * `encodeURIComponent` escapes, plus `-`, which the directive syntax reserves.
 */
export function encodeFragmentText(text: string): string {
	return encodeURIComponent(text).replace(/-/g, '%2D');
}

function firstWords(quote: string, n: number): string {
	const re = /\S+/g;
	let end = 0;
	for (let i = 0; i < n; i++) {
		const m = re.exec(quote);
		if (m === null) break;
		end = m.index + m[0].length;
	}
	return quote.slice(0, end);
}

function lastWords(quote: string, n: number): string {
	const starts = [...quote.matchAll(/\S+/g)].map((m) => m.index);
	return quote.slice(starts[Math.max(0, starts.length - n)] ?? 0).trimEnd();
}

/**
 * Links to `url` with a text fragment (`#:~:text=`) so a browser opens the page scrolled to the
 * quote and highlights it. Short quotes are given whole; long ones as `textStart,textEnd`, a few words
 * or at most {@link FRAGMENT_CHARS} characters at each end. The link always begins with `url` itself.
 */
export function textFragmentLink(url: string, quote: string): string {
	const text = quote.trim();
	if (text.length === 0) return url;
	const separator = url.includes('#') ? ':~:text=' : '#:~:text=';
	const words = text.split(/\s+/).length;
	if (text.length <= LONG_FRAGMENT || (words <= FRAGMENT_WORDS * 2 && text.length <= WHOLE_FRAGMENT_MAX))
		return `${url}${separator}${encodeFragmentText(text)}`;
	const start = encodeFragmentText(clipTerm(firstWords(text, FRAGMENT_WORDS), FRAGMENT_CHARS, 'start'));
	const end = encodeFragmentText(clipTerm(lastWords(text, FRAGMENT_WORDS), FRAGMENT_CHARS, 'end'));
	return `${url}${separator}${start},${end}`;
}

/**
 * The address a {@link textFragmentLink} was made from, its text directive taken off: a link still to
 * the page where the quote's is too long to send. Text without a directive is returned as it is.
 */
export function withoutTextFragment(link: string): string {
	// The directive is appended last and its terms are percent-encoded, so the last match is ours.
	const at = link.lastIndexOf(':~:text=');
	if (at === -1) return link;
	return link.slice(0, link[at - 1] === '#' ? at - 1 : at);
}
