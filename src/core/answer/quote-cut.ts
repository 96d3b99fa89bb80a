import { splitSentences, type Span } from '../text/sentences.js';

/**
 * Whether a quote is cut from longer sentences of its passage: `cutStart` when it begins after the
 * start of a sentence, `cutEnd` when it stops before the end of one. A reply marks each with "…" so
 * a clause or a run of words is never taken for a whole sentence.
 */
export interface QuoteCut {
	readonly cutStart: boolean;
	readonly cutEnd: boolean;
}

/** A quote that is whole sentences (or that cannot be placed in its passage). */
export const UNCUT: QuoteCut = { cutStart: false, cutEnd: false };

/**
 * What may stand between a sentence's start and a quote that still counts as starting it: white
 * space and opening quotation marks or brackets ("“We will go,” he said" quoted from "We").
 */
const OPENING = /^[\s\p{Ps}\p{Pi}"']*$/u;

/**
 * What may stand between a quote's end and its sentence's end while the quote still counts as ending
 * it: white space, closing quotation marks or brackets, and footnote marks (the splitter keeps
 * "corridor.[2]" as one sentence). A full stop left out is a cut: the sentence goes on.
 */
const CLOSING = /^(?:[\s\p{Pe}\p{Pf}"']|\[[^\s\]]{1,8}\])*$/u;

/** `at` opens a sentence: it lies before the first non-space character of one, or only openers precede it. */
function opensSentence(passage: string, sentences: readonly Span[], at: number): boolean {
	const s = sentences.find((x) => x.end > at);
	if (s === undefined || at <= s.start) return true;
	return OPENING.test(passage.slice(s.start, at));
}

/** `at` closes a sentence: it lies after the last non-space character of one, or only closers follow it. */
function closesSentence(passage: string, sentences: readonly Span[], at: number): boolean {
	const s = sentences.findLast((x) => x.start < at);
	if (s === undefined || at >= s.end) return true;
	return CLOSING.test(passage.slice(at, s.end));
}

/**
 * Says whether the quote `passage.slice(span.start, span.end)` starts at a sentence's start and ends
 * at a sentence's end, sentences as {@link splitSentences} finds them (so as excerpts are cut). Offsets
 * are UTF-16, as `slice` takes them; an empty or out-of-range span is {@link UNCUT}.
 */
export function quoteCut(passage: string, span: Span): QuoteCut {
	if (span.start < 0 || span.end > passage.length || span.start >= span.end) return UNCUT;
	const sentences = splitSentences(passage);
	return {
		cutStart: !opensSentence(passage, sentences, span.start),
		cutEnd: !closesSentence(passage, sentences, span.end),
	};
}

/**
 * Where `quote` lies in `passage`: at `start` when given (the excerpt's own offset), else at its first
 * occurrence, which is a guess when the quote occurs more than once. Undefined when it is not there.
 */
export function quoteSpan(passage: string, quote: string, start?: number): Span | undefined {
	const at = start ?? passage.indexOf(quote);
	if (at < 0 || quote.length === 0 || passage.slice(at, at + quote.length) !== quote) return undefined;
	return { start: at, end: at + quote.length };
}

/** {@link quoteCut} for a quote given as text: {@link UNCUT} when it is not a substring of `passage`. */
export function quoteCutOf(passage: string, quote: string, start?: number): QuoteCut {
	const span = quoteSpan(passage, quote, start);
	return span === undefined ? UNCUT : quoteCut(passage, span);
}
