import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../env.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** `parseArgs`, strict, with its errors turned into one-line {@link UsageError}s. */
export function parseCommandArgs<O extends Options>(args: string[], options: O) {
	try {
		return parseArgs({ args, options, allowPositionals: true, strict: true });
	} catch (error) {
		throw new UsageError((error as Error).message.split('\n')[0]!.replace(/\. To specify a positional.*$/, ''));
	}
}

/** A positive integer flag, or a UsageError naming it. */
export function positiveInt(name: string, value: string | undefined, fallback: number, max = 1_000): number {
	if (value === undefined) return fallback;
	if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) {
		throw new UsageError(`--${name} must be a whole number from 1 to ${max} (got "${value.slice(0, 40)}")`);
	}
	return Number(value);
}
