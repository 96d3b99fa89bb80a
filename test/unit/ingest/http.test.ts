import { describe, expect, it } from 'vitest';
import { pinnedLookup } from '../../../src/ingest/http.js';

/** What a pinned lookup answers to net's call, as {error, addresses}. */
const ask = (addresses: readonly string[], options: { all?: boolean; family?: number | 'IPv4' | 'IPv6' }) =>
	new Promise<{ error: string | undefined; answer: unknown }>((resolve) =>
		pinnedLookup(addresses)('any.example', options, (error, address, family) =>
			resolve({ error: error?.code, answer: Array.isArray(address) ? address : [address, family] }),
		),
	);

describe('pinnedLookup', () => {
	it('answers the checked addresses only, whatever the name, in both of net’s calling forms', async () => {
		const checked = ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'];
		expect(await ask(checked, { all: true })).toEqual({
			error: undefined,
			answer: [
				{ address: '93.184.216.34', family: 4 },
				{ address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 },
			],
		});
		expect(await ask(checked, {})).toEqual({ error: undefined, answer: ['93.184.216.34', 4] });
		expect(await ask(checked, { family: 6 })).toEqual({
			error: undefined,
			answer: ['2606:2800:220:1:248:1893:25c8:1946', 6],
		});
		expect(await ask(checked, { all: true, family: 'IPv4' })).toEqual({
			error: undefined,
			answer: [{ address: '93.184.216.34', family: 4 }],
		});
	});

	it('fails rather than fall back to DNS when no checked address fits', async () => {
		expect((await ask(['93.184.216.34'], { family: 6 })).error).toBe('ENOTFOUND');
		expect((await ask([], { all: true })).error).toBe('ENOTFOUND');
		expect((await ask(['not-an-address'], {})).error).toBe('ENOTFOUND');
	});
});
