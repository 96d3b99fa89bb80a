// @ts-check
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/**
 * Type-aware lint (typescript-eslint's strictTypeChecked, typed by tsconfig.json through the project
 * service) over every TypeScript file tsc checks; `npm run lint` runs it, then tsc. Formatting is
 * Prettier's (eslint-config-prettier, last, turns off the rules that would fight it).
 */
export default defineConfig(
	globalIgnores([
		'dist/',
		'index-data/',
		// Generated data, no logic: written by npm run thesaurus, npm run lexicon and npm run fit.
		'src/core/text/thesaurus-data.ts',
		'src/core/text/lexicon-data.ts',
		'src/core/answer/rank-model.ts',
	]),
	js.configs.recommended,
	{
		files: ['**/*.ts'],
		extends: [tseslint.configs.strictTypeChecked],
		languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
		rules: {
			// noUncheckedIndexedAccess makes `xs[i]!` after a bounds check the idiom (some 460 of them); tsc already checks the rest.
			'@typescript-eslint/no-non-null-assertion': 'off',
			// Numbers in messages and keys (`${n} sources`) are meant; objects, unknown, null and undefined are still caught.
			'@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
			// A one-line arrow calling a void function, `() => res.end()`, is the house idiom, not a confusion; block bodies are still checked.
			'@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
			'@typescript-eslint/no-unused-vars': [
				'error',
				{
					argsIgnorePattern: '^_',
					varsIgnorePattern: '^_',
					caughtErrorsIgnorePattern: '^_',
					destructuredArrayIgnorePattern: '^_',
				},
			],
			// A union switch must name every case or say `default:` on purpose; a non-union one need not.
			'@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
			'@typescript-eslint/consistent-type-imports': 'error',
			'@typescript-eslint/no-import-type-side-effects': 'error',
			'@typescript-eslint/require-array-sort-compare': ['error', { ignoreStringArrays: true }],
		},
	},
	{
		files: ['test/**/*.ts'],
		rules: {
			// vitest types its asymmetric matchers (expect.stringMatching, objectContaining) `any`, so each one inside an expected object is flagged; reading an `any` stays an error (no-unsafe-member-access, -call, -argument).
			'@typescript-eslint/no-unsafe-assignment': 'off',
		},
	},
	prettier,
);
