import { describe, expect, it } from 'vitest';
import { COOLDOWN_WINDOW_MS, createCooldown } from '../../../src/discord/cooldown.js';

describe('createCooldown', () => {
	it('says when a user over the limit may try again: when their oldest counted request leaves the window', () => {
		let now = 1_000_000;
		const cooldown = createCooldown(2, () => now);
		expect(cooldown.take('u')).toBe(true);
		now += 3_000;
		expect(cooldown.take('u')).toBe(true);
		expect(cooldown.take('u')).toBe(false);
		expect(cooldown.retryAt('u')).toBe(1_000_000 + COOLDOWN_WINDOW_MS);
		expect(cooldown.retryAfter('u')).toBe(COOLDOWN_WINDOW_MS - 3_000);
		now = 1_000_000 + COOLDOWN_WINDOW_MS;
		expect(cooldown.retryAt('u')).toBe(now);
		expect(cooldown.take('u')).toBe(true);
	});

	it('lets anyone in now when off, or before the limit', () => {
		const now = 5_000;
		expect(createCooldown(0, () => now).retryAt('u')).toBe(now);
		expect(createCooldown(3, () => now).retryAt('u')).toBe(now);
	});
});
