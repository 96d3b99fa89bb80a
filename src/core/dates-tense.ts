/**
 * Tense around a date told without its year or week ("on Friday", "in March", "1 July", "the autumn"):
 * whether it is the next one after publication or the latest one before it.
 */

/** Punctuation that ends a clause; " - " too, but not the hyphen of "mid-2022". */
const CLAUSE_PUNCTUATION = /[,;:()—–]|\s-\s/gu;
/**
 * Words that open a new clause: "said on Monday that it will…", "concluded talks on an agreement which
 * will…". Not "and" nor "after"/"before"/"until"/"if", which join words of the same tense ("will meet on
 * Monday and vote on Friday", "will resign after the vote on Friday").
 */
const CLAUSE_WORD = /\b(?:that|which|who|whom|whose|but|because|although|though|whereas|while)\b/giu;

/**
 * Words that put the whole clause in the future: "will", "shall", "won't", "it'll", "upcoming", "is to
 * (be)", "is set/scheduled/expected/due/likely to", "is scheduled for", "expects/plans/aims/intends/hopes
 * to", and forecasts, which are always of what is to come.
 */
const FUTURE = new RegExp(
	[
		String.raw`\b(?:will|shall|won['’]t|upcoming|forthcoming)\b`,
		String.raw`\p{L}['’]ll\b`,
		String.raw`\b(?:is|are|am)\s+(?:(?:not\s+)?(?:set|scheduled|expected|due|slated|planned|going|poised|likely|unlikely|about)\s+)?to\b`,
		String.raw`\b(?:is|are)\s+(?:set|scheduled|slated|planned|pencil+ed|due)\s+(?:for|on)\b`,
		String.raw`\b(?:expects?|plans?|aims?|intends?|hopes?|wants?|seeks?|vows?|pledges?|promises?|threatens?)\s+to\b`,
		String.raw`\bforecast(?:s|ed|ing)?\b`,
	].join('|'),
	'iu',
);
/** "would" before the date, as in reported plans ("said the cuts would continue on Thursday"), but not "would have". */
const WOULD_BEFORE = /\bwould\b(?!\s+(?:not\s+)?have\b)/iu;

/** Common irregular past tenses (never also a present or a participle after "be" in news use). */
const IRREGULAR_PAST = new Set(
	(
		'said told met began held spoke wrote took made gave sent won lost left came went rose fell struck found brought bought sold saw led ' +
		'ran flew broke chose drew grew knew threw became fought sought taught thought caught stood paid laid meant kept spent felt dealt built ' +
		'shook froze stole woke drove rode rang sang sank swam tore wore swore withdrew overtook undertook forbade'
	).split(' '),
);
/** Words ending in -ed that are no past tense. */
const NOT_PAST_ED = new Set('need speed seed feed bed shed red hundred deed breed creed weed greed steed bleed embed'.split(' '));
/** Words before a participle that make it passive or perfect-future, not a past tense: "would be covered from 1 July". */
const PASSIVE_BEFORE = /\b(?:be|been|being|is|are|am|get|gets|getting|will|would|to)\s+$/iu;

/** Whether `word`, ending at `at` in `text`, is a verb in the past tense. */
function isPastVerb(word: string, text: string, at: number): boolean {
	const lower = word.toLowerCase();
	const past = IRREGULAR_PAST.has(lower) || (/^\p{L}{2,}ed$/u.test(lower) && !NOT_PAST_ED.has(lower));
	return past && !PASSIVE_BEFORE.test(text.slice(Math.max(0, at - word.length - 12), at - word.length));
}

/**
 * Whether a past-tense verb governs the date at [start, end) right next to it: "said on Monday",
 * "announced Tuesday", "on Thursday concluded", "signed in March". A preposition between them is skipped.
 */
export function isPastNextTo(text: string, start: number, end: number): boolean {
	const before = /(\p{L}+)\s+(?:(?:on|in|at|from|since|during|early|late|last)\s+)*$/u.exec(text.slice(Math.max(0, start - 40), start));
	if (before !== null && isPastVerb(before[1]!, text, start - before[0].length + before[1]!.length)) return true;
	const after = /^\s+(\p{L}+)/u.exec(text.slice(end, end + 40));
	return after !== null && isPastVerb(after[1]!, text, end + after[0].length);
}

/** The clause around `at`: between punctuation marks and clause-opening words. */
function clauseAround(text: string, at: number): { start: number; end: number } {
	let [start, end] = [0, text.length];
	for (const pattern of [CLAUSE_PUNCTUATION, CLAUSE_WORD]) {
		for (const m of text.matchAll(pattern)) {
			const stop = m.index + m[0].length;
			if (stop <= at && pattern === CLAUSE_PUNCTUATION) start = Math.max(start, stop);
			if (m.index <= at && pattern === CLAUSE_WORD) start = Math.max(start, m.index);
			if (m.index > at) end = Math.min(end, m.index);
		}
	}
	return { start, end };
}

/** The tense a date is told in, when the words around it say. */
export type Tense = 'past' | 'future' | undefined;

/**
 * The tense of the date at [start, end): past right next to a past-tense verb ({@link isPastNextTo});
 * future in a clause holding a future word ({@link FUTURE}) or with "would" before it; else unknown.
 */
export function tenseOf(text: string, start: number, end: number = start): Tense {
	if (isPastNextTo(text, start, end)) return 'past';
	const clause = clauseAround(text, start);
	return FUTURE.test(text.slice(clause.start, clause.end)) || WOULD_BEFORE.test(text.slice(clause.start, start)) ? 'future' : undefined;
}

/** Whether the date at [start, end) speaks of the future (see {@link tenseOf}). */
export const isFutureDate = (text: string, start: number, end: number = start): boolean => tenseOf(text, start, end) === 'future';
