import { MAX_EMBED_URL } from './discord-limits.js';
import { withoutTextFragment } from './link.js';
import { escapeMarkdown } from './markdown.js';

/**
 * Characters of a link in a message's text: Discord states no limit for links in content, so we hold
 * them to the one it enforces on an embed's url, which a longer one fails.
 */
export const MAX_LINK = MAX_EMBED_URL;

/**
 * How a link may be written: as given (`fragment`, opening the page at the quote), without its text
 * fragment (`page`), or not at all (`none`): the steps by which a reply too long for one message
 * gives up its least useful characters first.
 */
export type LinkForm = 'fragment' | 'page' | 'none';

/**
 * Characters that would end or break a masked link's `(<…>)` target, or its Markdown, percent-encoded:
 * a text fragment's terms are encoded already, but a catalog's address may hold `(`, `)` or a space.
 */
const UNSAFE_IN_LINK = /[\s<>()\\[\]]/g;
const encodeUnsafe = (url: string): string =>
	url.replace(UNSAFE_IN_LINK, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

/**
 * The address to write for `link` in the form asked, within {@link MAX_LINK}: a fragment link too long
 * falls back to its page, a page too long to none. Undefined when no link is written.
 */
export function linkTarget(link: string, form: LinkForm, max = MAX_LINK): string | undefined {
	if (form === 'none') return undefined;
	const full = encodeUnsafe(link);
	if (form === 'fragment' && full.length <= max) return full;
	const page = encodeUnsafe(withoutTextFragment(link));
	return page.length <= max ? page : undefined;
}

/**
 * A masked link, `[text](<url>)`: the angle brackets keep Discord from adding a preview of the page
 * under the message. `text` is ours (escaped all the same); without a url it stays plain text.
 */
export function maskedLink(text: string, url: string | undefined): string {
	const label = escapeMarkdown(text);
	return url === undefined ? label : `[${label}](<${url}>)`;
}

/**
 * The longest start of `text` that ends at a word (or, for text without spaces, anywhere outside a
 * surrogate pair) and whose escaped form (see {@link escapeMarkdown}) is at most `max` characters. The
 * caller marks the cut; `text` itself when it fits whole.
 */
export function clipEscaped(text: string, max: number): string {
	if (escapeMarkdown(text).length <= max) return text;
	let lo = 0;
	let hi = text.length;
	while (lo < hi) {
		const mid = Math.ceil((lo + hi) / 2);
		if (escapeMarkdown(text.slice(0, mid)).length <= max) lo = mid;
		else hi = mid - 1;
	}
	let end = lo;
	const space = text.lastIndexOf(' ', end);
	if (space > end / 2) end = space;
	else if (end > 0 && /[\uD800-\uDBFF]/.test(text[end - 1]!)) end--;
	return text.slice(0, end).trimEnd();
}

/** Text on one line, its runs of white space (new lines too) made one space. */
export const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();
