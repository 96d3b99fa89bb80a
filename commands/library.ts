import { SHARED_LIBRARY, type Library, type Source } from '../src/core/catalog.js';
import { fold } from '../src/core/text/analyze.js';
import { MAX_CHOICE_LENGTH, MAX_CHOICES } from '../src/core/render/discord-limits.js';
import { escapeMarkdown } from '../src/core/render/markdown.js';
import { ownLibrary, type Caller, type Choice } from './define.js';

/** How a library is named to the people in a server. */
export const libraryName = (library: Library): string =>
	library === SHARED_LIBRARY ? 'the shared library' : 'this server’s library';

/**
 * The libraries a caller may change: their server's (managers; the router checks Manage Server),
 * and the shared one for an owner.
 */
export const changeable = (caller: Caller): Library[] =>
	caller.owner && ownLibrary(caller) !== SHARED_LIBRARY ? [ownLibrary(caller), SHARED_LIBRARY] : [ownLibrary(caller)];

/** Sources for autocomplete among `sources`: those matching what was typed (id, title or publisher), the newest first. */
export function sourceChoices(sources: readonly Source[], typed: string): Choice[] {
	const want = fold(typed.trim());
	return [...sources]
		.filter(
			(s) => want === '' || s.id.includes(want) || fold(s.title).includes(want) || fold(s.publisher).includes(want),
		)
		.sort((a, b) => (b.addedAt ?? b.published).localeCompare(a.addedAt ?? a.published))
		.slice(0, MAX_CHOICES)
		.map((s) => ({ name: `${s.title} (${s.publisher}, ${s.published})`.slice(0, MAX_CHOICE_LENGTH), value: s.id }));
}

/** "added by @someone on 2026-11-29", or where a source came from when no one added it through the bot. */
export function addedLine(source: Source): string {
	const when = source.addedAt === undefined ? '' : ` on ${source.addedAt.slice(0, 10)}`;
	if (source.addedBy === undefined) return source.library === SHARED_LIBRARY ? 'default corpus' : `added${when}`;
	if (source.addedBy === 'operator') return `added by the operator${when}`;
	// A mention renders as the member's name; replies never ping (allowedMentions parses nothing).
	if (/^\d{5,25}$/.test(source.addedBy)) return `added by <@${source.addedBy}>${when}`;
	return `added by ${escapeMarkdown(source.addedBy)}${when}`;
}
