/**
 * Why an ingest was refused or failed. `input` codes are the caller's to fix (a bad URL or flag, a
 * refused host, a 404, a PDF, a page with no article: exit 2); the others are conditions of the
 * moment (the network, a 5xx, the data directory, the lock: exit 1).
 */
export type IngestCode =
	| 'usage'
	| 'refused-host'
	| 'http-status'
	| 'redirects'
	| 'content-type'
	| 'too-large'
	| 'no-article'
	| 'bad-feed'
	| 'bad-item'
	| 'network'
	| 'unavailable'
	| 'timeout'
	| 'data-dir'
	| 'locked';

export interface IngestProblem {
	readonly code: IngestCode;
	/** One line saying what went wrong and, where it helps, what to do. */
	readonly message: string;
}

const INPUT_CODES: ReadonlySet<IngestCode> = new Set([
	'usage',
	'refused-host',
	'http-status',
	'redirects',
	'content-type',
	'too-large',
	'no-article',
	'bad-feed',
	'bad-item',
]);

export const problem = (code: IngestCode, message: string): IngestProblem => ({ code, message });

/** The CLI exit status for a problem: 2 for bad input, 1 for the rest (see INTERFACE.md). */
export const exitCodeOf = (p: IngestProblem): 1 | 2 => (INPUT_CODES.has(p.code) ? 2 : 1);

/**
 * Raised inside one ingest to stop it with a problem; `ingestSource` catches it at its edge and
 * returns the problem as a value, so callers never see it thrown.
 */
export class IngestStop extends Error {
	override readonly name = 'IngestStop';
	readonly code: IngestCode;
	readonly problem: IngestProblem;
	constructor(problem: IngestProblem) {
		super(problem.message);
		this.code = problem.code;
		this.problem = problem;
	}
}

/** Throws `problem` as an {@link IngestStop}. */
export function stop(code: IngestCode, message: string): never {
	throw new IngestStop(problem(code, message));
}
