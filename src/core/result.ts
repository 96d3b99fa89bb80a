/** An expected outcome as a value: success with its value, or failure with its reason. */
export type Result<T, E = Problem> =
	{ readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

/** What went wrong with one input, and where. */
export interface Problem {
	/** The entry it concerns (a source id, a line number), when there is one. */
	readonly id?: string;
	/** The field at fault, dotted, when there is one. */
	readonly field?: string;
	readonly message: string;
}

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });
