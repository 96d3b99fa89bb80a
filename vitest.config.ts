import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Two suites: `npm test`, the fast default (unit, property and correctness end-to-end tests), and
 * `npm run test:stress` (TEST_SUITE=stress): the kill loops, the flood and the 10,000 hostile
 * strings, under test/stress/. `.ci/run` runs both.
 */
const stress = process.env.TEST_SUITE === 'stress';

export default defineConfig({
	test: {
		include: stress ? ['test/stress/**/*.test.ts'] : ['test/**/*.test.ts'],
		exclude: stress ? [...configDefaults.exclude] : [...configDefaults.exclude, 'test/stress/**'],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		pool: 'forks',
	},
});
