import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { MAX_CUSTOM_ID } from '../core/render/discord-limits.js';
import { MAX_BUTTON_STATE } from '../core/render/render.js';
import { err, ok, type Result } from '../core/result.js';

/** Long ids remembered at once; the oldest are forgotten first. */
export const DEFAULT_ID_CAPACITY = 5_000;

const SHORT_PREFIX = '~';
const TAG_SEPARATOR = '|';
/**
 * Characters of an id's tag: 16 base64url characters, 96 bits, far beyond guessing one click at a
 * time; what the core leaves room for after {@link MAX_BUTTON_STATE}, so its ids are sent whole.
 */
export const TAG_LENGTH = MAX_CUSTOM_ID - MAX_BUTTON_STATE - TAG_SEPARATOR.length;

/** Why a button's id was not opened: a short id no longer remembered, or an id this bot did not make. */
export type IdProblem = 'expired' | 'forged';

/**
 * Keeps button ids within Discord's 100 characters, and makes them unforgeable.
 *
 * Ids carry state (`ask:more:3:<question>`, `timeline:page:2:<filters>`) that the router re-runs a
 * command with, so only ids this bot made are accepted. Two kinds exist, and each is checked its own way:
 * - an id that fits with its tag is sent as `<id>|<tag>`, the tag an HMAC of the id. It holds its
 *   state itself, so it survives a restart as long as the key does (derived from the token, see
 *   {@link buttonKey}); a changed query or command breaks the tag;
 * - a longer one (a long `/ask` question) becomes `~<hash>`, remembered in a bounded, least-recently-
 *   used memory. Only ids the bot stored can be found there, so no tag is needed; after a restart
 *   such an id is unknown and the router says the button expired.
 * A tag rather than checking the message clicked: the message comes in the same interaction payload
 * as the id, so whoever could forge one could forge the other.
 */
export interface IdStore {
	/** The id to send: `id|tag`, or `~hash` when that would not fit. */
	seal(id: string): string;
	/** The id behind a sent one; `expired` when forgotten, `forged` when its tag is missing or wrong. */
	open(id: string): Result<string, IdProblem>;
}

/**
 * The key button ids are signed with: an HMAC of a fixed label under the bot token, so it is the
 * same after a restart (buttons keep working) yet unknown to anyone without the token. Never logged.
 */
export function buttonKey(token: string): Buffer {
	return createHmac('sha256', token).update('verbatim button ids v1').digest();
}

const tagOf = (key: Buffer, id: string): string =>
	createHmac('sha256', key).update(id).digest('base64url').slice(0, TAG_LENGTH);

/** Checks `id|tag` in constant time; the id without its tag, or undefined. */
function verify(key: Buffer, sealed: string): string | undefined {
	const cut = sealed.length - TAG_LENGTH - 1;
	if (cut < 1 || sealed[cut] !== TAG_SEPARATOR) return undefined;
	const id = sealed.slice(0, cut);
	const given = Buffer.from(sealed.slice(cut + 1));
	const want = Buffer.from(tagOf(key, id));
	return given.length === want.length && timingSafeEqual(given, want) ? id : undefined;
}

/** A store signing with `key` (a fresh random one by default: ids then last until the process ends). */
export function createIdStore(key: Buffer = randomBytes(32), capacity = DEFAULT_ID_CAPACITY): IdStore {
	const memory = new Map<string, string>();
	return {
		seal(id) {
			const sealed = `${id}${TAG_SEPARATOR}${tagOf(key, id)}`;
			if (sealed.length <= MAX_CUSTOM_ID && !id.startsWith(SHORT_PREFIX)) return sealed;
			const short = SHORT_PREFIX + createHash('sha256').update(id).digest('base64url').slice(0, 22);
			memory.delete(short);
			memory.set(short, id);
			if (memory.size > capacity) memory.delete(memory.keys().next().value as string);
			return short;
		},
		open(id) {
			if (!id.startsWith(SHORT_PREFIX)) {
				const opened = verify(key, id);
				return opened === undefined ? err('forged') : ok(opened);
			}
			const full = memory.get(id);
			if (full === undefined) return err('expired');
			memory.delete(id);
			memory.set(id, full);
			return ok(full);
		},
	};
}
