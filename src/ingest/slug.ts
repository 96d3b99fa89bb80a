import { createHash } from 'node:crypto';

/** Longest publisher part of an id, in characters (cut at a word). */
export const MAX_SLUG_LENGTH = 40;

/** Letters NFKD does not take apart into a base letter and a mark. */
const LETTERS: Record<string, string> = {
	ı: 'i',
	ß: 'ss',
	ø: 'o',
	æ: 'ae',
	œ: 'oe',
	đ: 'd',
	ð: 'd',
	ł: 'l',
	þ: 'th',
	ħ: 'h',
};

/** Lowercase ASCII words joined by "-": "Türkiye Today" → "turkiye-today", "Azerbaijan.US" → "azerbaijan-us". */
export function slugify(text: string): string {
	const ascii = text
		.toLowerCase()
		.replace(/[ıßøæœđðłþħ]/g, (c) => LETTERS[c] ?? c)
		.normalize('NFKD')
		.replace(/\p{M}/gu, '');
	const slug = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
	if (slug.length <= MAX_SLUG_LENGTH) return slug;
	const cut = slug.slice(0, MAX_SLUG_LENGTH + 1);
	return cut.includes('-') ? cut.slice(0, cut.lastIndexOf('-')) : cut.slice(0, MAX_SLUG_LENGTH);
}

/**
 * A short tag of a server's library for its ids: ids are unique across libraries, so without it a
 * server adding an article from a publisher and day another server has would get `…-2`, and learn
 * that some other server holds one. Six base-36 characters of a SHA-256.
 */
export const libraryTag = (library: string): string =>
	BigInt(`0x${createHash('sha256').update(library).digest('hex').slice(0, 12)}`)
		.toString(36)
		.slice(0, 6);

/**
 * A source id like the default corpus's, `publisher-yyyy-mm-dd` (and a server library's tag,
 * `publisher-yyyy-mm-dd-k3f9x2`), made unique with `-2`, `-3`… `fallback` (the host, say) stands in
 * for a publisher with no Latin letters or digits; `publisher-undated` when the date is unknown.
 */
export function sourceId(
	publisher: string,
	published: string | undefined,
	taken: (id: string) => boolean,
	fallback = 'source',
	tag?: string,
): string {
	const base = `${slugify(publisher) || slugify(fallback) || 'source'}-${published ?? 'undated'}${tag === undefined ? '' : `-${tag}`}`;
	if (!taken(base)) return base;
	for (let n = 2; ; n++) if (!taken(`${base}-${n}`)) return `${base}-${n}`;
}
