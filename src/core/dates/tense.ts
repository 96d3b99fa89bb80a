/**
 * Tense around a date told without its year or week ("on Friday", "in March", "1 July", "the autumn"):
 * whether it is the next one after publication or the latest one before it.
 */

/** Punctuation that ends a clause; " - " too, but not the hyphen of "mid-2022" nor the colon and comma of "06:00" and "1,200". */
const CLAUSE_PUNCTUATION = /[;()—–]|(?<!\d)[,:]|[,:](?!\d)|\s-\s/gu;
/**
 * Words that open a new clause: "said on Monday that it will…", "concluded talks on an agreement which
 * will…". Not "and" nor "after"/"before"/"until"/"if", which join words of the same tense ("will meet on
 * Monday and vote on Friday", "will resign after the vote on Friday").
 */
const CLAUSE_WORD = /\b(?:that|which|who|whom|whose|but|because|although|though|whereas|while)\b/giu;

/**
 * Words that put the whole clause in the future: "will", "shall", "won't", "it'll", "upcoming", "has
 * until", "must" (a deadline; not "must have"), "is to
 * (be)", "is set/scheduled/expected/due/likely to", "is scheduled for", "expects/plans/aims/intends/hopes
 * to", and forecasts, which are always of what is to come.
 */
const FUTURE = new RegExp(
	[
		String.raw`\b(?:will|shall|won['’]t|upcoming|forthcoming|(?:has|have)\s+until)\b`,
		String.raw`\bmust\b(?!\s+(?:not\s+)?have\b)`,
		String.raw`\p{L}['’]ll\b`,
		String.raw`\b(?:is|are|am)\s+(?:(?:not\s+)?(?:set|scheduled|expected|due|slated|planned|going|poised|likely|unlikely|about)\s+)?to\b`,
		String.raw`\b(?:is|are)\s+(?:set|scheduled|slated|planned|pencil+ed|due)\s+(?:for|on|in|at|by|later|next|this)\b`,
		String.raw`\b(?:is|are)\s+(?:not\s+|widely\s+|now\s+)?expected\b(?!\s+to\s+have\b)`,
		String.raw`\b(?:expects?|plans?|aims?|intends?|hopes?|wants?|seeks?|vows?|pledges?|promises?|threatens?)\s+to\b`,
		String.raw`\bforecast(?:s|ed|ing)?\b`,
	].join('|'),
	'iu',
);
/** "would" before the date, as in reported plans ("said the cuts would continue on Thursday"), but not "would have". */
const WOULD_BEFORE = /\bwould\b(?!\s+(?:not\s+)?have\b)/iu;

/**
 * Verbs of a schedule in the present tense, which speaks of the future when no verb of the clause is in
 * the past: "the trial opens on Monday", "voters go to the polls on Sunday", "the law takes effect in July".
 */
const PRESENT_SCHEDULE =
	/\b(?:opens?|runs\s+(?:until|till|through|to|from)|begins?|starts?|ends|closes|resumes?|meets|convenes?|reconvenes?|go(?:es)?\s+to\s+the\s+polls|takes?\s+effect|comes?\s+into\s+force|kicks?\s+off|expires?|arrives|visits|hosts|travels|returns|launches|faces|plays|heads\s+to|lands|rules\s+on|decides)\b/iu;
/** Putting off: a date after "until" or "to" in its clause is the new, later one ("the hearing was adjourned until 14 July"). */
const PUT_OFF =
	/\b(?:adjourn|postpon|delay|defer|reschedul|push(?:es|ed)?\s+back|put\s+off|pushed\s+back|moved\s+back)\w*/iu;
const UNTIL_BEFORE = /\b(?:until|till|to|into)\s+(?:at\s+least\s+)?$/iu;

/** Auxiliaries of the past tense. */
const PAST_AUXILIARY = /\b(?:was|were|had|did|wasn['’]t|weren['’]t|hadn['’]t|didn['’]t)\b/iu;

/** Common irregular past tenses (never also a present or a participle after "be" in news use). */
const IRREGULAR_PAST = new Set(
	(
		'said told met began held spoke wrote took made gave sent won lost left came went rose fell struck found brought bought sold saw led ' +
		'ran flew broke chose drew grew knew threw became fought sought taught thought caught stood paid laid meant kept spent felt dealt built ' +
		'shook froze stole woke drove rode rang sang sank swam tore wore swore withdrew overtook undertook forbade'
	).split(' '),
);
/** Words ending in -ed that are no past tense. */
const NOT_PAST_ED = new Set(
	'need speed seed feed bed shed red hundred deed breed creed weed greed steed bleed embed'.split(' '),
);
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
	const before = /(\p{L}+)\s+(?:(?:on|in|at|from|since|during|early|late|last)\s+)*$/u.exec(
		text.slice(Math.max(0, start - 40), start),
	);
	if (before !== null && isPastVerb(before[1]!, text, start - before[0].length + before[1]!.length)) return true;
	const after = /^\s+(\p{L}+)/u.exec(text.slice(end, end + 40));
	return after !== null && isPastVerb(after[1]!, text, end + after[0].length);
}

/** Words looked at before a date for a past-tense verb that governs it: "took place on", "signed the deal on". */
const GOVERNING_WORDS = 4;

/** Whether one of the last few words before `start` in its clause is a past-tense verb. */
function isPastShortlyBefore(text: string, clauseStart: number, start: number): boolean {
	const words = [...text.slice(clauseStart, start).matchAll(/\p{L}+/gu)].slice(-GOVERNING_WORDS);
	return words.some((w) => isPastVerb(w[0], text, clauseStart + w.index + w[0].length));
}

/** Whether some verb of the clause of `text` at [start, end) is in the past tense. */
function hasPastVerb(text: string, clause: { start: number; end: number }): boolean {
	const words = text.slice(clause.start, clause.end);
	if (PAST_AUXILIARY.test(words)) return true;
	return [...words.matchAll(/\p{L}+/gu)].some((w) => isPastVerb(w[0], text, clause.start + w.index + w[0].length));
}

/** The part of a clause around `at` between "and"s: one predicate of "opened this week and runs until May". */
function predicateAround(
	text: string,
	clause: { start: number; end: number },
	at: number,
): { start: number; end: number } {
	const ands = [...text.slice(clause.start, clause.end).matchAll(/\band\b/giu)].map((m) => clause.start + m.index);
	const start = Math.max(clause.start, ...ands.filter((a) => a <= at));
	return { start, end: Math.min(clause.end, ...ands.filter((a) => a > at)) };
}

/** Where clauses meet: the one before ends at `close`, the next starts at `open`. */
interface Boundary {
	readonly close: number;
	readonly open: number;
}

function boundaries(text: string): Boundary[] {
	const punctuation = [...text.matchAll(CLAUSE_PUNCTUATION)].map((m) => ({
		close: m.index,
		open: m.index + m[0].length,
	}));
	const words = [...text.matchAll(CLAUSE_WORD)].map((m) => ({ close: m.index, open: m.index }));
	return [...punctuation, ...words].sort((a, b) => a.close - b.close);
}

/** Words that, with the date, make up a fronted adverbial, not a clause: "Late on Friday, …". */
const ADVERBIAL_ONLY =
	/^[\s\p{P}]*(?:(?:on|in|at|by|early|late|later|earlier|from|until|since|the|of|and|then|also|but|so|as|around|about|before|after|shortly|just|only|until|again)\b[\s\p{P}]*)*$/iu;

/**
 * The clause around the date at [start, end): between punctuation marks and clause-opening words. A
 * date fronted alone ("On Friday, the minister will…") belongs to the clause after its comma.
 */
function clauseAround(text: string, start: number, end: number): { start: number; end: number } {
	const all = boundaries(text);
	const clauseStart = Math.max(0, ...all.filter((b) => b.open <= start).map((b) => b.open));
	const after = all.filter((b) => b.close >= end);
	let clauseEnd = after[0]?.close ?? text.length;
	if (ADVERBIAL_ONLY.test(text.slice(clauseStart, start) + text.slice(end, clauseEnd)))
		clauseEnd = after[1]?.close ?? text.length;
	return { start: clauseStart, end: clauseEnd };
}

/**
 * The tense a date is told in, when the words around it say: `present` is a schedule told in the
 * present tense ("the trial opens on 2 June"), a weaker future than "will".
 */
export type Tense = 'past' | 'present' | 'future' | undefined;

/**
 * The tense of the date at [start, end), in this order: future when something is put off until it
 * ({@link PUT_OFF}); past right next to a past-tense verb ({@link isPastNextTo}); future in a clause
 * holding a future word ({@link FUTURE}) or with "would" before the date; past a few words after a
 * past-tense verb ("took place on"); present with a schedule verb in the present and no verb in the
 * past ({@link PRESENT_SCHEDULE}); else unknown.
 */
export function tenseOf(text: string, start: number, end: number = start): Tense {
	const clause = clauseAround(text, start, end);
	const words = text.slice(clause.start, clause.end);
	const until =
		UNTIL_BEFORE.test(text.slice(clause.start, start)) ||
		UNTIL_BEFORE.test(text.slice(start, end).split(/\s/)[0]! + ' ');
	if (PUT_OFF.test(words) && until) return 'future';
	if (isPastNextTo(text, start, end)) return 'past';
	if (FUTURE.test(words) || WOULD_BEFORE.test(text.slice(clause.start, start))) return 'future';
	if (isPastShortlyBefore(text, clause.start, start)) return 'past';
	const predicate = predicateAround(text, clause, start);
	return PRESENT_SCHEDULE.test(text.slice(predicate.start, predicate.end)) && !hasPastVerb(text, predicate)
		? 'present'
		: undefined;
}

/** Whether the date at [start, end) speaks of the future, a present schedule included (see {@link tenseOf}). */
export function isFutureDate(text: string, start: number, end: number = start): boolean {
	const tense = tenseOf(text, start, end);
	return tense === 'future' || tense === 'present';
}
