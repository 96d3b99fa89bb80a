import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS_DIR } from '../../src/store/postgres/migrate.js';
import { describe, expect, it } from 'vitest';
import { EnvSchema } from '../../src/env.js';
import { ROOT } from '../helpers/corpus.js';

// No Docker engine runs where the tests do, so the image is never built here: these check what can be
// checked without one, that the files point at things that exist and at settings the bot reads.
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const compose = readFileSync(join(ROOT, 'compose.yaml'), 'utf8');
const instructions = dockerfile
	.replace(/\\\n\s*/g, ' ')
	.split('\n')
	.filter((l) => /^[A-Z]+\s/.test(l));
const stages = instructions.filter((l) => l.startsWith('FROM '));

describe('Dockerfile', () => {
	it('builds in one stage and runs from a slim Node 20 one, as the non-root node user', () => {
		expect(stages).toHaveLength(2);
		expect(stages[0]).toMatch(/^FROM node:20\S* AS build$/);
		expect(stages[1]).toMatch(/^FROM node:20-\S*slim AS runtime$/);
		const runtime = instructions.slice(instructions.indexOf(stages[1]!));
		expect(runtime).toContain('USER node');
		expect(runtime.some((l) => l.includes('npm ci --omit=dev --omit=optional --ignore-scripts'))).toBe(true);
		expect(runtime.at(-1)).toBe('CMD ["node", "dist/src/main.js"]');
		expect(runtime.find((l) => l.startsWith('HEALTHCHECK'))).toContain('/healthz');
		expect(runtime).toContain('EXPOSE 8080');
	});

	it('copies from the context only paths that exist, and the default corpus', () => {
		const fromContext = instructions
			.filter((l) => l.startsWith('COPY ') && !l.includes('--from='))
			.flatMap((l) => l.replace(/--\S+/g, '').trim().split(/\s+/).slice(1, -1));
		expect(fromContext).toContain('index-data');
		for (const path of fromContext) if (path !== '.') expect(existsSync(join(ROOT, path)), path).toBe(true);
		expect(existsSync(join(ROOT, 'index-data', 'sources.json'))).toBe(true);
	});

	it('carries the PostgreSQL migrations, which the store reads from the source tree at start', () => {
		const copied = instructions.filter((l) => l.startsWith('COPY --from=build'));
		expect(copied.some((l) => l.includes('src/store/postgres/migrations'))).toBe(true);
		expect(MIGRATIONS_DIR.endsWith(join('src', 'store', 'postgres', 'migrations'))).toBe(true);
	});

	it('keeps secrets and host builds out of the context', () => {
		const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n');
		for (const entry of ['.env', 'node_modules', 'dist', '.git']) expect(ignored).toContain(entry);
	});
});

describe('compose.yaml', () => {
	it('starts PostgreSQL with a volume and a health check, and the bot sharded once it is healthy', () => {
		expect(compose).toMatch(/^ {2}postgres:\n {4}image: postgres:15$/m);
		expect(compose).toMatch(/- pgdata:\/var\/lib\/postgresql\/data/);
		expect(compose).toMatch(/pg_isready/);
		expect(compose).toMatch(/depends_on:\n {6}postgres:\n {8}condition: service_healthy/);
		expect(compose).toMatch(/env_file: \.env/);
		expect(compose).toMatch(/DATABASE_URL: postgres:\/\/verbatim:.*@postgres:5432\/verbatim/);
	});

	it('sets only variables the bot reads, with values it accepts', () => {
		const bot = compose.slice(compose.indexOf('  bot:'));
		const env = Object.fromEntries(
			[...bot.matchAll(/^ {6}([A-Z_]+): '?([^'\n]*)'?$/gm)].map((m) => [m[1]!, m[2]!] as const),
		);
		expect(Object.keys(env)).toEqual(['SHARDS', 'DATABASE_URL', 'HEALTH_PORT', 'HEALTH_HOST']);
		const { DATABASE_URL: _store, ...ours } = env;
		const parsed = EnvSchema.parse(ours);
		expect(parsed).toMatchObject({ SHARDS: 'auto', HEALTH_PORT: 8080, HEALTH_HOST: '0.0.0.0' });
	});
});
