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

describe('parseEnv SHARDS and SHARD_LIST', () => {
	it('reads auto or a count, and a list of shard ids below the count', () => {
		expect(parseEnv({}).SHARDS).toBeUndefined();
		expect(parseEnv({ SHARDS: 'auto' }).SHARDS).toBe('auto');
		expect(parseEnv({ SHARDS: ' 4 ' }).SHARDS).toBe(4);
		expect(parseEnv({ SHARDS: '4', SHARD_LIST: '2, 3,3' }).SHARD_LIST).toEqual([2, 3]);
	});

	it('refuses a bad count, naming SHARDS', () => {
		for (const bad of ['0', '-1', 'two', '1.5', 'AUTO '])
			expect(() => parseEnv({ SHARDS: bad }), bad).toThrow(/^bad environment: SHARDS: /);
	});

	it('refuses a list without a numeric count, or with an id past it, naming SHARD_LIST', () => {
		expect(() => parseEnv({ SHARD_LIST: '0' })).toThrow(/^bad environment: SHARD_LIST: needs SHARDS/);
		expect(() => parseEnv({ SHARDS: 'auto', SHARD_LIST: '0' })).toThrow(/SHARD_LIST: needs SHARDS set to a number/);
		expect(() => parseEnv({ SHARDS: '2', SHARD_LIST: '1,2' })).toThrow(/SHARD_LIST: shard ids run from 0 to 1; 2/);
		expect(() => parseEnv({ SHARDS: '2', SHARD_LIST: '1;0' })).toThrow(/^bad environment: SHARD_LIST: /);
	});

	it('in a shard process ignores SHARDS, which discord.js sets to the shard’s own id', () => {
		const env = parseEnv({ SHARDING_MANAGER: 'true', SHARDS: '0', SHARD_COUNT: '2', SHARD_LIST: '1' });
		expect(env.SHARDS).toBeUndefined();
		expect(env.SHARD_LIST).toBeUndefined();
	});
});

describe('parseEnv HEALTH_PORT and HEALTH_HOST', () => {
	it('is off unless set, on loopback unless told', () => {
		expect(parseEnv({}).HEALTH_PORT).toBeUndefined();
		expect(parseEnv({}).HEALTH_HOST).toBe('127.0.0.1');
		expect(parseEnv({ HEALTH_PORT: '9090', HEALTH_HOST: '0.0.0.0' })).toMatchObject({
			HEALTH_PORT: 9090,
			HEALTH_HOST: '0.0.0.0',
		});
		expect(parseEnv({ HEALTH_PORT: '0' }).HEALTH_PORT).toBe(0);
	});

	it('refuses what is no port, naming HEALTH_PORT', () => {
		for (const bad of ['http', '70000', '-1', '80,81'])
			expect(() => parseEnv({ HEALTH_PORT: bad }), bad).toThrow(/^bad environment: HEALTH_PORT: /);
	});
});
