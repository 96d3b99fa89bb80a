/** What Discord would render as markdown or a mention in a text: for the tests that check escaping. */

/** Markdown that renders: these must never appear unless escaped by a backslash. */
const INLINE = new Set(['*', '_', '~', '`', '|', '[', ']']);

/** What of `text` would render as markdown or a mention in Discord, as a list of problems (empty when none). */
export function liveMarkup(text: string): string[] {
	const problems: string[] = [];
	/** The text with our code spans blanked out (same length), for the line checks. */
	let outside = text;
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (c === '\\') {
			i++;
			continue;
		}
		if (c === '`') {
			// Our own inline code (ids, commands): nothing inside renders, and a backslash in it is no escape.
			// Discord's inline code spans line breaks, so an id holding one stays code (Discord's own option
			// box cannot send one). The user's backticks are always escaped, so an unescaped one opens ours.
			const end = text.indexOf('`', i + 1);
			if (end === -1) problems.push(`unclosed \` at ${i}`);
			else {
				outside = outside.slice(0, i) + 'c'.repeat(end + 1 - i) + outside.slice(end + 1);
				i = end;
			}
			continue;
		}
		if (INLINE.has(c)) problems.push(`unescaped ${c} at ${i}`);
		if (c === '<' && text[i + 1] === '@') problems.push(`live mention at ${i}`);
	}
	if (/@(?:everyone|here)/i.test(outside)) problems.push('live @everyone/@here');
	for (const line of outside.split(/\r\n|[\n\r\u2028\u2029]/)) {
		if (/^[>#-]/.test(line.trimStart())) problems.push(`line starts with markup: ${JSON.stringify(line.slice(0, 40))}`);
	}
	return problems;
}
