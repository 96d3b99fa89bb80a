/** The window the per-user limit counts requests in, in milliseconds. */
export const COOLDOWN_WINDOW_MS = 10_000;
/** Users tracked at once; beyond this the longest idle are forgotten (so memory stays bounded). */
export const MAX_TRACKED_USERS = 10_000;

/** A per-user rate limit: at most `limit` requests in any `COOLDOWN_WINDOW_MS`. */
export interface Cooldown {
	/** Counts a request; false when the user is over the limit (the request is not counted). */
	take(userId: string): boolean;
	/** Milliseconds until the user may send again (0 when they may now). */
	retryAfter(userId: string): number;
	/** When the user may send again, in milliseconds since the epoch (now when they may now): for the reply's countdown. */
	retryAt(userId: string): number;
}

/** A sliding-window limit; `limit` 0 turns it off. `now` is injectable for tests. */
export function createCooldown(limit: number, now: () => number = Date.now): Cooldown {
	const recent = new Map<string, number[]>();
	const live = (userId: string): number[] => {
		const cutoff = now() - COOLDOWN_WINDOW_MS;
		const times = (recent.get(userId) ?? []).filter((t) => t > cutoff);
		recent.delete(userId);
		if (times.length > 0) recent.set(userId, times);
		return times;
	};
	const retryAfter = (userId: string): number => {
		if (limit === 0) return 0;
		const times = live(userId);
		if (times.length < limit) return 0;
		return Math.max(0, (times[times.length - limit] ?? 0) + COOLDOWN_WINDOW_MS - now());
	};
	return {
		retryAfter,
		retryAt: (userId) => now() + retryAfter(userId),
		take(userId) {
			if (limit === 0) return true;
			const times = live(userId);
			if (times.length >= limit) return false;
			times.push(now());
			recent.set(userId, times);
			if (recent.size > MAX_TRACKED_USERS) recent.delete(recent.keys().next().value as string);
			return true;
		},
	};
}
