import { publishedLabel, SHARED_LIBRARY, type Library, type Source } from '../src/core/catalog.js';
import { MAX_CHOICE_LENGTH, MAX_CHOICES } from '../src/core/render/discord-limits.js';
import { escapeMarkdown, truncate } from '../src/core/render/markdown.js';
import { matchSources } from '../src/core/sources.js';
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

/**
 * Sources for autocomplete among `sources`: the newest 25 in which every word typed occurs (in the id,
 * title or publisher, accents and case aside), each as "Publisher · date · Title".
 */
export function sourceChoices(sources: readonly Source[], typed: string): Choice[] {
	return matchSources(sources, typed, MAX_CHOICES).map((s) => ({
		name: truncate(`${s.publisher} · ${publishedLabel(s)} · ${s.title}`, MAX_CHOICE_LENGTH),
		value: s.id,
	}));
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
