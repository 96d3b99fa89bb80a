import { fold, type Token } from '../text/analyze.js';
import type { AnswerKind, Query } from './query.js';
import { splitClauses, splitSentences, type Span } from '../text/sentences.js';

/**
 * The excerpting stage's tuning: how long a candidate quote may be. Set by hand in b9cb2da, never
 * swept: `npm run sweep -- excerpt.maxQuoteLength=250,300,350` measures it, `answer(…, { tuning: {
 * excerpt } })` overrides it.
 */
export const EXCERPT_TUNING = Object.freeze({
	/**
	 * The longest quote shown, in characters: a sentence longer is offered as runs of its clauses, and a
	 * pair of sentences only when both fit. Also the unit of the ranker's `length` feature.
	 */
	maxQuoteLength: 300,
	/** A clause still longer than `maxQuoteLength` is cut into runs of whole words of at most this share of it. */
	wordRunShare: 0.5,
	/**
	 * A quote that is one whole sentence shorter than this, in characters, is shown with the sentence
	 * that follows it when both fit in `maxQuoteLength`: a short sentence often only introduces what
	 * the next one says ("Dr Nunez also questioned the energy-density figure." "He estimates …").
	 * 0 turns it off. `npm run sweep -- excerpt.contextBelow=0,60,80,100,120,150`: no set changed below
	 * 100; at 100 and above fresh-dev gained one quote@1 and one quote@3, the rest held (a quote only
	 * grows, so no hit can be lost).
	 */
	contextBelow: 100,
});
export type ExcerptTuning = { readonly [K in keyof typeof EXCERPT_TUNING]: number };

const NUMBER =
	/^\d[\d,.]*$|^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelv|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenti|thirti|forti|fifti|sixti|seventi|eighti|nineti|hundr|thousand|million|billion|dozen|sever|half|doubl|percent)$/;
const DATE_TERM =
	/^(?:1[89]\d\d|20\d\d)s?$|^(?:januari|februari|march|april|mai|june|juli|august|septemb|octob|novemb|decemb|mondai|tuesdai|wednesdai|thursdai|fridai|saturdai|sundai|todai|yesterdai|tomorrow|week|month|year|decad|centuri|ago|sinc|earlier|later|summer|winter|spring|autumn)$/;
const DURATION_TERM = /^(?:dai|week|month|year|decad|centuri|hour|sinc|until)$/;
/** What a number must measure to say how long: time, or distance ("two countries" says neither). */
const UNIT_TERM = /^(?:second|minut|hour|dai|week|month|year|decad|centuri|km|kilometr|kilomet|mile|metr|meter)$/;
const MONTH_TERM =
	/^(?:januari|februari|march|april|mai|june|juli|august|septemb|octob|novemb|decemb|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)$/;
const YEAR_TERM = /^(?:1[89]\d\d|20\d\d)$/;

/** A year, or a day next to its month ("6 February", "Aug. 8"): a date, not a count for "how many". */
function isPartOfDate(tokens: readonly Token[], i: number): boolean {
	const t = tokens[i]!;
	if (YEAR_TERM.test(t.term)) return true;
	return (
		/^\d{1,2}$/.test(t.term) && [tokens[i - 1], tokens[i + 1]].some((n) => n !== undefined && MONTH_TERM.test(n.term))
	);
}

/** "no reason", "without cause": a reason word denied gives no reason. */
const NEGATED = /\b(?:no|without|not)\s+$/i;

/** A footnote mark ("Syria.[8]"): a number that counts nothing. */
const isFootnoteMark = (text: string, t: Token) => text[t.start - 1] === '[' && text[t.end] === ']';

/** Words that give a reason or a purpose: what a "why" question looks for. */
const REASON_TERM =
	/^(?:becaus|due|reason|caus|sinc|aim|order|effort|reflect|motiv|citing|cite|given|result|therefor|thu|lead|fear|concern|so)$/;

/** Currency names and signs of English news, for "how much money". */
const CURRENCY = String.raw`(?:[$€£¥₹₩₽]|\b(?:US|A|C|NZ|HK)\$|\b(?:dollars?|euros?|pounds?|sterling|yen|yuan|renminbi|francs?|kron(?:a|or|e|er)|rupees?|pesos?|reais|real|rand|lira|zloty|forints?|korun(?:a|y)|lei|leu|won|dirhams?|riyals?|rubles?|roubles?|dinars?|shekels?|USD|EUR|GBP|JPY|CHF|NOK|SEK|DKK|PLN|CZK|CNY|INR)\b)`;
/**
 * Kinds recognised in the excerpt's text as written: a time of day ("4:40 a.m.", "0740 GMT", "at
 * noon"), a sum of money (a currency beside a number), a percentage.
 */
const KIND_PATTERNS: Partial<Record<AnswerKind, RegExp>> = {
	time: /\b\d{1,2}(?:[:.]\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\b\d{1,2}:\d{2}\b|\b\d{4}\s*(?:GMT|UTC|CET|CEST|EST|EDT|PST|BST)\b|\b(?:noon|midnight|midday|dawn|dusk|overnight|morning|afternoon|evening)\b|\bo'clock\b/i,
	money: new RegExp(`${CURRENCY}\\s?\\d|\\d[\\d,.]*\\s*(?:million|billion|trillion|bn|m|k)?\\s*${CURRENCY}`, 'i'),
	percent: /\d\s?%|\bper\s?cent\b|\bpercentage points?\b/i,
};

/**
 * The window holds a candidate answer of the kind asked that the question does not already name: a
 * date, a number, a length of time, a reason word, or a capitalized name not opening the window.
 */
export function holdsKind(kind: AnswerKind, text: string, tokens: readonly Token[], w: Span, query: Query): boolean {
	const pattern = KIND_PATTERNS[kind];
	if (pattern !== undefined) return pattern.test(text.slice(w.start, w.end));
	for (const [i, t] of tokens.entries()) {
		if (t.start < w.start || t.end > w.end || query.lookup.has(t.term)) continue;
		switch (kind) {
			case 'number':
				if (NUMBER.test(t.term) && !isPartOfDate(tokens, i) && !isFootnoteMark(text, t)) return true;
				break;
			case 'date':
				if (DATE_TERM.test(t.term)) return true;
				break;
			case 'duration':
				if (
					DURATION_TERM.test(t.term) ||
					DATE_TERM.test(t.term) ||
					(NUMBER.test(t.term) && UNIT_TERM.test(tokens[i + 1]?.term ?? ''))
				)
					return true;
				break;
			case 'reason':
				if (REASON_TERM.test(t.term) && !NEGATED.test(text.slice(Math.max(0, t.start - 8), t.start))) return true;
				break;
			default:
				if (t.capitalized && t.start > w.start && t.initials !== true && !DATE_TERM.test(t.term)) return true;
		}
	}
	return false;
}

/** Kinds whose absence from the best excerpt means the sources do not give the answer. */
export const REQUIRED_KINDS: ReadonlySet<AnswerKind> = new Set([
	'person',
	'date',
	'time',
	'number',
	'money',
	'percent',
	'duration',
]);

/** Cuts a span too long to quote into runs of whole words of at most `max` characters. */
function wordRuns(text: string, span: Span, max: number): Span[] {
	const out: Span[] = [];
	let start = span.start;
	while (span.end - start > max) {
		let cut = text.lastIndexOf(' ', start + max);
		if (cut <= start) cut = start + max - (/[\uDC00-\uDFFF]/.test(text[start + max] ?? '') ? 1 : 0);
		out.push({ start, end: cut });
		start = cut;
		while (start < span.end && text[start] === ' ') start++;
	}
	if (start < span.end) out.push({ start, end: span.end });
	return out;
}
/** A long sentence's clauses, any clause still too long cut into word runs of a share of the limit. */
function clauseUnits(text: string, sentence: Span, tuning: ExcerptTuning): Span[] {
	// Whole characters, and at least two: a run of one could stop inside a surrogate pair and never advance.
	const run = Math.max(2, Math.floor(tuning.maxQuoteLength * tuning.wordRunShare));
	return splitClauses(text, sentence).flatMap((c) =>
		c.end - c.start > tuning.maxQuoteLength ? wordRuns(text, c, run) : [c],
	);
}

export interface Window extends Span {
	/** Two sentences (the second may be cut: see `opening`). */
	readonly pair?: true;
	/** A sentence and the opening clauses of the next, too long to add whole: offered to "why" questions only. */
	readonly opening?: true;
}

/**
 * Most candidate quotes taken from one paragraph, the first in reading order. The news paragraphs of
 * `index-data/` and fresh-dev give at most 39; a paragraph of short clauses ("a, a, a, …") gives a
 * window per pair of clauses that fit in a quote, about 160,000 in 5,000 characters, each scored
 * against every token. 500 changes no real paragraph's windows and bounds the work on any.
 */
export const MAX_WINDOWS = 500;

/** The windows of a sentence too long to quote whole: runs of its clauses that fit, added to `out` up to {@link MAX_WINDOWS}. */
function clauseWindows(text: string, sentence: Span, tuning: ExcerptTuning, out: Window[]): void {
	const clauses = clauseUnits(text, sentence, tuning);
	for (let a = 0; a < clauses.length; a++) {
		for (let b = a; b < clauses.length; b++) {
			const span = { start: clauses[a]!.start, end: clauses[b]!.end };
			if (span.end - span.start > tuning.maxQuoteLength) break;
			if (out.length >= MAX_WINDOWS) return;
			out.push(span);
		}
	}
}

/**
 * The candidate quotes of a paragraph: its sentences, pairs of them, runs of a long one's clauses; at
 * most {@link MAX_WINDOWS}, the first.
 */
export function windows(text: string, tuning: ExcerptTuning = EXCERPT_TUNING): Window[] {
	const max = tuning.maxQuoteLength;
	const sentences = splitSentences(text);
	const out: Window[] = [];
	for (let i = 0; i < sentences.length && out.length < MAX_WINDOWS; i++) {
		const first = sentences[i]!;
		if (first.end - first.start > max) {
			clauseWindows(text, first, tuning, out);
			continue;
		}
		out.push(first);
		const second = sentences[i + 1];
		if (second === undefined) continue;
		if (second.end - first.start <= max) {
			out.push({ start: first.start, end: second.end, pair: true });
			continue;
		}
		// The next sentence is too long to add whole: add its opening clauses while they fit, since the
		// sentence naming the subject is often followed by one that opens with the reason.
		for (const clause of splitClauses(text, second)) {
			if (clause.end - first.start > max || clause.end >= second.end) break;
			out.push({ start: first.start, end: clause.end, pair: true, opening: true });
		}
	}
	return out.slice(0, MAX_WINDOWS);
}

export interface Hit {
	readonly slot: number;
	readonly factor: number;
	readonly position: number;
	readonly token: Token;
}

export function hitsOf(tokens: readonly Token[], query: Query): Hit[] {
	const hits: Hit[] = [];
	tokens.forEach((token, position) => {
		const match = query.lookup.get(token.term);
		if (match !== undefined) hits.push({ slot: match.slot, factor: match.factor, position, token });
	});
	return hits;
}

/** Share of the question's weight that `hits` cover, each term counted once at its best factor. */
export function coverageOf(hits: readonly Pick<Hit, 'slot' | 'factor'>[], query: Query): number {
	if (query.total === 0) return 0;
	const best = new Map<number, number>();
	for (const h of hits) best.set(h.slot, Math.max(best.get(h.slot) ?? 0, h.factor));
	let covered = 0;
	for (const [slot, factor] of best) covered += query.terms[slot]!.weight * factor;
	return covered / query.total;
}

export function proximity(hits: readonly Hit[]): number {
	const slots = new Set(hits.map((h) => h.slot));
	if (slots.size < 2) return slots.size;
	// Smallest run of tokens holding every matched term once: a sliding window over the hits.
	const need = slots.size;
	const count = new Map<number, number>();
	let best = Infinity;
	let left = 0;
	for (let right = 0; right < hits.length; right++) {
		const r = hits[right]!;
		count.set(r.slot, (count.get(r.slot) ?? 0) + 1);
		while (count.size === need) {
			const l = hits[left]!;
			best = Math.min(best, r.position - l.position + 1);
			const c = count.get(l.slot)! - 1;
			if (c === 0) count.delete(l.slot);
			else count.set(l.slot, c);
			left++;
		}
	}
	return need / best;
}

export function exactness(text: string, hits: readonly Hit[], query: Query): number {
	const seen = new Set<number>();
	let covered = 0;
	for (const h of hits) {
		if (seen.has(h.slot)) continue;
		const t = query.terms[h.slot]!;
		if (fold(text.slice(h.token.start, h.token.end)).replace(/['’]s?$/, '') === t.surface) {
			seen.add(h.slot);
			covered += t.weight;
		}
	}
	return query.total === 0 ? 0 : covered / query.total;
}

export function phrases(hits: readonly Hit[], query: Query): number {
	let bonus = 0;
	for (let i = 1; i < hits.length; i++) {
		const a = hits[i - 1]!;
		const b = hits[i]!;
		if (b.position === a.position + 1 && b.slot !== a.slot) {
			bonus += Math.min(query.terms[a.slot]!.weight, query.terms[b.slot]!.weight) / query.total;
		}
	}
	return Math.min(bonus, 1);
}

/**
 * The span a result quotes: the chosen one, or, when it is one whole sentence shorter than
 * `contextBelow`, that sentence and the next if both fit in `maxQuoteLength`.
 */
export function quotedSpan(text: string, span: Span, tuning: ExcerptTuning = EXCERPT_TUNING): Span {
	if (span.end - span.start >= tuning.contextBelow) return span;
	const sentences = splitSentences(text);
	const i = sentences.findIndex((s) => s.start === span.start && s.end === span.end);
	const next = i < 0 ? undefined : sentences[i + 1];
	if (next === undefined || next.end - span.start > tuning.maxQuoteLength) return span;
	return { start: span.start, end: next.end };
}
