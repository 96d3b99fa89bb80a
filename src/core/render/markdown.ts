/**
 * Escapes text for Discord markdown so it shows as written: no bold, italics, spoilers, code, headings,
 * lists, block quotes, subtext or masked links, and no mention that renders or pings.
 */
export function escapeMarkdown(text: string): string {
	return text
		.replace(/[\\*_~`|[\]<]/g, '\\$&')
		.replace(/^(\s*)([#>-]|\d+[.)](?=\s))/gm, '$1\\$2')
		.replace(/@(everyone|here)/gi, '@\u200b$1');
}

/** Shortens text to `max` characters at a word boundary, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
	if (text.length <= max) return text;
	const cut = text.lastIndexOf(' ', max - 1);
	const end = cut > max / 2 ? cut : max - 1;
	return `${text.slice(0, end).trimEnd()}…`;
}
