/** Quotes longer than this are linked by their first and last words (`textStart,textEnd`). */
export const LONG_FRAGMENT = 80;
/** Words kept at each end of a long quote's fragment. */
export const FRAGMENT_WORDS = 5;

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
 * quote and highlights it. Short quotes are given whole; long ones as `textStart,textEnd`. The link
 * always begins with `url` itself.
 */
export function textFragmentLink(url: string, quote: string): string {
	const text = quote.trim();
	if (text.length === 0) return url;
	const separator = url.includes('#') ? ':~:text=' : '#:~:text=';
	const words = text.split(/\s+/).length;
	if (text.length <= LONG_FRAGMENT || words <= FRAGMENT_WORDS * 2)
		return `${url}${separator}${encodeFragmentText(text)}`;
	const start = encodeFragmentText(firstWords(text, FRAGMENT_WORDS));
	const end = encodeFragmentText(lastWords(text, FRAGMENT_WORDS));
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
