import { describe, expect, expectTypeOf, it } from 'vitest';
import { err, ok, type Problem, type Result } from '../../../src/core/result.js';

/** A function in the house's shape: an expected failure is a value, never a throw. */
const half = (n: number): Result<number, string> => (n % 2 === 0 ? ok(n / 2) : err(`${n} is odd`));

describe('ok and err', () => {
	it('make a success holding its value and a failure holding its reason', () => {
		expect(ok(42)).toEqual({ ok: true, value: 42 });
		expect(err({ id: 'src', field: 'url', message: 'not a URL' })).toEqual({
			ok: false,
			error: { id: 'src', field: 'url', message: 'not a URL' },
		});
	});

	it('keep the value and the reason themselves, not copies', () => {
		const value = { paragraphs: 3 };
		const reason: Problem = { message: 'gone' };
		const success = ok(value);
		const failure = err(reason);
		expect(success.ok && success.value).toBe(value);
		expect(!failure.ok && failure.error).toBe(reason);
	});

	it('give results a caller reads by checking `ok` first', () => {
		const read = (r: Result<number, string>) => (r.ok ? `half is ${r.value}` : `refused: ${r.error}`);
		expect(read(half(8))).toBe('half is 4');
		expect(read(half(7))).toBe('refused: 7 is odd');
	});

	// Types only: `npm run typecheck` fails on a mismatch; at run time these are no-ops.
	it('fit any Result: ok(x) whatever the error type, err(e) whatever the value type', () => {
		expectTypeOf(ok(1)).toExtend<Result<number>>();
		expectTypeOf(ok(1)).toExtend<Result<number, string>>();
		expectTypeOf(err('no')).toExtend<Result<boolean, string>>();
		// The point is that the default error type is Problem: spelled out on purpose.
		// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-arguments
		expectTypeOf<Result<number>>().toEqualTypeOf<Result<number, Problem>>();
	});
});
