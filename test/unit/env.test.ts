import { describe, expect, it } from 'vitest';
import { parseEnv, secretsOf } from '../../src/env.js';

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

describe('parseEnv DATABASE_URL', () => {
	it('takes a postgres:// or postgresql:// URL and refuses others without showing them', () => {
		expect(parseEnv({}).DATABASE_URL).toBeUndefined();
		expect(parseEnv({ DATABASE_URL: 'postgresql://db.example/verbatim' }).DATABASE_URL).toBe(
			'postgresql://db.example/verbatim',
		);
		for (const bad of ['http://db.example/x', 'mysql://u:hunter22@db/x', 'not a url']) {
			expect(() => parseEnv({ DATABASE_URL: bad }), bad).toThrow(/^bad environment: DATABASE_URL: /);
			expect(() => parseEnv({ DATABASE_URL: bad })).not.toThrow(/hunter22/);
		}
	});

	it("keeps the database's password, as written and decoded, out of the logs", () => {
		const env = parseEnv({ DATABASE_URL: 'postgres://verbatim:s%40cret99@127.0.0.1:5432/verbatim' });
		expect(secretsOf(env)).toEqual(expect.arrayContaining(['s%40cret99', 's@cret99']));
		expect(secretsOf(parseEnv({ DATABASE_URL: 'postgres://127.0.0.1/verbatim' }))).toEqual([]);
	});
});
