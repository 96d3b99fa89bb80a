import { parseArgs, type ParseArgsConfig } from 'node:util';
import { LibrarySchema, SHARED_LIBRARY, type Library } from '../core/catalog.js';
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

/**
 * Takes `--library L` (or `--library=L`) out of the arguments: the library a command reads or
 * writes, `shared` unless given. A bad name is a UsageError.
 */
export function takeLibrary(args: readonly string[]): { library: Library; rest: string[] } {
	const rest: string[] = [];
	let given: string | undefined;
	for (let i = 0; i < args.length; i++) {
		const arg = args[i]!;
		if (arg === '--') {
			rest.push(...args.slice(i));
			break;
		}
		if (arg === '--library') {
			given = args[++i];
			if (given === undefined) throw new UsageError('--library needs a value: shared or guild:<server id>');
		} else if (arg.startsWith('--library=')) given = arg.slice('--library='.length);
		else rest.push(arg);
	}
	if (given === undefined) return { library: SHARED_LIBRARY, rest };
	const parsed = LibrarySchema.safeParse(given);
	if (!parsed.success)
		throw new UsageError(`--library must be shared or guild:<server id> (got "${given.slice(0, 60)}")`);
	return { library: parsed.data, rest };
}
