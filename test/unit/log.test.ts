import { describe, expect, it } from 'vitest';
import { scrub } from '../../src/log.js';

const TOKEN = 'MTA5ODc2NTQzMjEwOTg3NjU0.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB';

describe('scrub', () => {
	it('removes the token it is given, token-shaped strings, webhook and interaction tokens', () => {
		const text = `login ${TOKEN} failed; POST /api/v10/webhooks/123/aW50ZXJhY3Rpb246MTIz/messages; POST /interactions/456/tok-en_42/callback; Authorization: Bot ${TOKEN}`;
		const out = scrub(text, [TOKEN]);
		expect(out).not.toContain(TOKEN);
		expect(out).not.toContain('aW50ZXJhY3Rpb246MTIz');
		expect(out).not.toContain('tok-en_42');
		expect(out).toContain('/webhooks/123/[redacted]');
		expect(out).toContain('/interactions/456/[redacted]/callback');
	});

	it('removes a token-shaped string even when it was not given', () => {
		expect(scrub(`oops ${TOKEN}`)).toBe('oops [redacted]');
	});
});
