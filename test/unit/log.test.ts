import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, scrub } from '../../src/log.js';

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

describe('createLogger', () => {
	const capture = () => {
		const lines: string[] = [];
		const stream = new Writable({
			write(chunk: Buffer, _encoding, done) {
				lines.push(chunk.toString('utf8'));
				done();
			},
		});
		return { lines, stream };
	};
	const SECRET = 'plain-secret-not-token-shaped';

	it('scrubs the token and URL credentials from every string field, nested too, and from the message', () => {
		const { lines, stream } = capture();
		const log = createLogger('info', [SECRET], stream);
		log.info(
			{
				detail: `the gateway said ${SECRET}`,
				url: 'https://alice:hunter2@news.example/story',
				nested: { list: [`a ${SECRET}`, { deeper: 'ftp://bob@files.example/x' }], count: 3, ok: true },
			},
			`fetching http://carol:pw@host.example/ with ${SECRET}`,
		);
		const out = lines.join('');
		expect(out).not.toContain(SECRET);
		expect(out).not.toContain('hunter2');
		expect(out).not.toContain('alice');
		expect(out).not.toContain('bob@');
		expect(out).not.toContain('carol');
		const line = JSON.parse(out) as Record<string, unknown>;
		expect(line).toMatchObject({
			detail: 'the gateway said [redacted]',
			url: 'https://[redacted]@news.example/story',
			nested: { list: ['a [redacted]', { deeper: 'ftp://[redacted]@files.example/x' }], count: 3, ok: true },
			msg: 'fetching http://[redacted]@host.example/ with [redacted]',
		});
	});

	it('still scrubs errors and leaves plain URLs and emails alone', () => {
		const { lines, stream } = capture();
		const log = createLogger('info', [SECRET], stream);
		log.warn({ err: new Error(`bad ${SECRET}`), page: 'https://news.example/a@b', mail: 'x@example.com' }, 'oops');
		const line = JSON.parse(lines.join('')) as { err: { message: string }; page: string; mail: string };
		expect(line.err.message).toBe('bad [redacted]');
		expect(line.page).toBe('https://news.example/a@b');
		expect(line.mail).toBe('x@example.com');
	});
});
