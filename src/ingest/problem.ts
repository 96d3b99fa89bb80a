/**
 * Why an ingest was refused or failed. `input` codes are the caller's to fix (a bad URL or flag, a
 * refused host, a 404, a PDF, a page with no article: exit 2); the others are conditions of the
 * moment (the network, a 5xx, the data directory, the lock, the database: exit 1).
 */
export type IngestCode =
	| 'usage'
	| 'refused-host'
	| 'http-status'
	| 'redirects'
	| 'content-type'
	| 'too-large'
	| 'no-article'
	| 'too-complex'
	| 'bad-feed'
	| 'bad-item'
	| 'network'
	| 'unavailable'
	| 'timeout'
	| 'data-dir'
	| 'locked'
	| 'full'
	/** PostgreSQL (DATABASE_URL) cannot be reached or refused the write; nothing was changed. */
	| 'store-unavailable';

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
	'too-complex',
	'bad-feed',
	'bad-item',
]);

export const problem = (code: IngestCode, message: string): IngestProblem => ({ code, message });

/**
 * What a member is told about a problem, by its code alone. The message itself is for the operator
 * (the CLI prints it, the bot logs it): it can name the address a host resolves to, a port, a
 * redirect's target or a system error, which would let anyone who may /ingest map what the bot can
 * reach. So every fetch problem reads the same to a member.
 */
export function memberMessage(p: IngestProblem): string {
	switch (p.code) {
		case 'refused-host':
		case 'http-status':
		case 'redirects':
		case 'network':
		case 'unavailable':
		case 'timeout':
		case 'bad-feed':
		case 'bad-item':
			return 'that address can’t be fetched.';
		case 'content-type':
			return 'that address is not an article page: only HTML, plain text and Markdown can be added (not PDFs).';
		case 'too-large':
			return 'that page is too large to add.';
		case 'no-article':
			return 'no article was found on that page.';
		case 'too-complex':
			return 'that page is too complex to read.';
		case 'usage':
			return 'that page can’t be added (an address with a user name or password, or a page with no title or date).';
		case 'data-dir':
		case 'locked':
			return 'the sources can’t be updated just now; try again later.';
		case 'store-unavailable':
			return 'the library can’t be changed right now; try again in a minute.';
		case 'full':
			return 'there is no room for it: this server’s library (or the bot’s storage) is full; remove a source with `/remove` first.';
	}
}

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
