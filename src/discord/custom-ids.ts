import { createHash } from 'node:crypto';
import { MAX_CUSTOM_ID } from '../core/render/discord-limits.js';

/** Long ids remembered at once; the oldest are forgotten first. */
export const DEFAULT_ID_CAPACITY = 5_000;

const SHORT_PREFIX = '~';

/**
 * Keeps button ids within Discord's 100 characters. An id that fits is used as is, so its state
 * survives a restart; a longer one (an `/ask` question in a "More" button) becomes `~<hash>` and is
 * remembered in a bounded, least-recently-used memory. After a restart such an id is unknown and the
 * router says the button expired.
 */
export interface IdStore {
	shorten(id: string): string;
	/** The full id behind `id`, `id` itself when it was never shortened, undefined when forgotten. */
	expand(id: string): string | undefined;
}

export function createIdStore(capacity = DEFAULT_ID_CAPACITY): IdStore {
	const memory = new Map<string, string>();
	return {
		shorten(id) {
			if (id.length <= MAX_CUSTOM_ID && !id.startsWith(SHORT_PREFIX)) return id;
			const short = SHORT_PREFIX + createHash('sha256').update(id).digest('base64url').slice(0, 22);
			memory.delete(short);
			memory.set(short, id);
			if (memory.size > capacity) memory.delete(memory.keys().next().value as string);
			return short;
		},
		expand(id) {
			if (!id.startsWith(SHORT_PREFIX)) return id;
			const full = memory.get(id);
			if (full === undefined) return undefined;
			memory.delete(id);
			memory.set(id, full);
			return full;
		},
	};
}
