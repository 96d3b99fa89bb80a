import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/env.js';

describe('parseEnv FETCH_PORTS', () => {
	it('is 80 and 443 unless set, and a list of ports when set', () => {
		expect(parseEnv({}).FETCH_PORTS).toEqual([80, 443]);
		expect(parseEnv({ FETCH_PORTS: ' ' }).FETCH_PORTS).toEqual([80, 443]);
		expect(parseEnv({ FETCH_PORTS: '443, 8443' }).FETCH_PORTS).toEqual([443, 8443]);
	});

	it('refuses what is not a list of ports, naming the variable', () => {
		for (const bad of ['http', '80;443', '0', '70000', '80,'])
			expect(() => parseEnv({ FETCH_PORTS: bad }), bad).toThrow(/^bad environment: FETCH_PORTS[.:\d]* /);
	});
});
