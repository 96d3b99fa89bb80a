/**
 * `npm run sweep -- query.nameWeight=1,1.5,2 excerpt.maxQuoteLength=250,300` (after `npm run build`):
 * answers every eval set once per value of each named tuning parameter, one parameter at a time and
 * the others at their defaults, the defaults' row first, and prints one markdown table of quote@1,
 * quote@3, abstain and false abstain per set. The hand-set values live in one object per stage
 * (src/core/answer/tuning.ts), so trying others is this script, not an edit.
 */
import { z } from 'zod';
import { TUNING_DEFAULTS } from '../src/core/answer/answer.js';
import { parameterTuning, tuningParameters, type Tuning } from '../src/core/answer/tuning.js';
import { err, ok, type Result } from '../src/core/result.js';
import { evalSets, formatShare, type SetRow } from './eval-all.js';
import { loadEvalSets } from './eval-sets.js';

/** Every parameter a sweep can vary, `stage.field` → its default. */
export const PARAMETERS: ReadonlyMap<string, number> = tuningParameters(TUNING_DEFAULTS);

/** One parameter and the values to try it at, in the order given. */
export interface SweepArg {
	readonly name: string;
	readonly values: readonly number[];
}

/** One row of the table: the tuning it ran with (none for the defaults) and each set's figures. */
export interface SweepRow {
	readonly parameter?: string;
	readonly value?: number;
	readonly sets: readonly SetRow[];
}

const Value = z
	.string()
	.trim()
	.min(1, 'a value is empty')
	.refine((v) => Number.isFinite(Number(v)), { error: (issue) => `${JSON.stringify(issue.input)} is not a number` })
	.transform(Number);
const Arg = z
	.string()
	.regex(/^[^=]+=[^=]+$/, 'expected stage.field=value,value,…')
	.transform((arg) => {
		const [name = '', list = ''] = arg.split('=');
		return { name, values: list.split(',') };
	})
	.pipe(
		z.object({
			name: z.string().refine((name) => PARAMETERS.has(name), {
				error: (issue) => `unknown parameter ${JSON.stringify(issue.input)}`,
			}),
			values: z.array(Value),
		}),
	);
const Args = z.array(Arg).min(1, 'name at least one parameter to sweep');

/** The valid names with their defaults, for the usage message. */
export function usage(): string {
	const names = [...PARAMETERS].map(([name, value]) => `  ${name} (default ${value})`);
	return ['usage: npm run sweep -- stage.field=value,value,… [stage.field=…]', 'parameters:', ...names].join('\n');
}

/** The command line's arguments as parameters and values, or what is wrong with them. */
export function parseSweepArgs(argv: readonly string[]): Result<SweepArg[], string> {
	const parsed = Args.safeParse(argv);
	if (parsed.success) return ok(parsed.data);
	const problems = parsed.error.issues.map((i) => {
		const at = typeof i.path[0] === 'number' ? `${JSON.stringify(argv[i.path[0]])}: ` : '';
		return `${at}${i.message}`;
	});
	return err(problems.join('\n'));
}

/** The runs a sweep makes, after the defaults': one per value, parameter by parameter. */
export function sweepRuns(args: readonly SweepArg[]): Array<{ parameter: string; value: number; tuning: Tuning }> {
	return args.flatMap(({ name, values }) =>
		values.map((value) => ({ parameter: name, value, tuning: parameterTuning(name, value) })),
	);
}

/** The sweep as one markdown table: parameter, value, then quote@1 / quote@3 / abstain / false abstain of each set. */
export function formatSweep(rows: readonly SweepRow[]): string {
	const sets = rows[0]?.sets.map((s) => s.set) ?? [];
	const head = [
		'parameter',
		'value',
		...sets.flatMap((s) => [`${s} quote@1`, `${s} quote@3`, `${s} abstain`, `${s} false abstain`]),
	];
	const lines = rows.map((r) => {
		const isDefault = r.parameter !== undefined && PARAMETERS.get(r.parameter) === r.value;
		const cells = [
			r.parameter ?? '(defaults)',
			r.value === undefined ? '' : `${r.value}${isDefault ? ' (default)' : ''}`,
		];
		for (const s of r.sets)
			cells.push(
				...[s.metrics.quoteAt1, s.metrics.quoteAt3, s.metrics.abstain, s.metrics.falseAbstain].map(formatShare),
			);
		return `| ${cells.join(' | ')} |`;
	});
	return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...lines].join('\n');
}

if (process.argv[1]?.endsWith('sweep.js')) {
	const args = parseSweepArgs(process.argv.slice(2));
	if (!args.ok) {
		process.stderr.write(`${args.error}\n\n${usage()}\n`);
		process.exitCode = 2;
	} else {
		const sets = await loadEvalSets();
		const rows: SweepRow[] = [{ sets: evalSets(sets) }];
		for (const run of sweepRuns(args.value))
			rows.push({ parameter: run.parameter, value: run.value, sets: evalSets(sets, { tuning: run.tuning }) });
		process.stdout.write(`${formatSweep(rows)}\n`);
	}
}
