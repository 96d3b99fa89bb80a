import { dayOf, daysIn, yearOf } from './calendar.js';
import { DAY_STAGES } from './days.js';
import { block, rule, SEASONS, YEAR, type Resolve, type Stage } from './rule.js';

/** ISO 4217 codes of the currencies most often quoted in news ("SEK 2000", "2000 CHF"). */
const CURRENCY_CODE =
	'USD|EUR|GBP|CHF|JPY|CNY|RMB|HKD|SGD|NOK|SEK|DKK|ISK|PLN|CZK|HUF|RON|BGN|UAH|INR|PKR|BRL|ARS|MXN|CAD|AUD|NZD|ZAR|NGN|KES|EGP|TRY|RUB|KRW|AED|SAR|QAR|ILS|THB|IDR|MYR|PHP|VND';

/** Numbers that are no dates: footnote markers, money, percentages, scaled counts, 100,000, 2.5. */
const NOT_DATES: readonly RegExp[] = [
	/\[\d{1,3}\]|(?<=[.,;:!?”"’)])\[\d+\]/g,
	/(?:US\$|[A-Z]{0,3}\$|[€£¥₼֏₺₽])\s?\d[\d,.]*(?:\s?(?:million|billion|trillion|thousand|bn|mn|m|k)\b)?/g,
	new RegExp(String.raw`\b(?:${CURRENCY_CODE})\s?\d[\d,.]*|\b\d[\d,.]*\s?(?:${CURRENCY_CODE})\b`, 'g'),
	/\b\d[\d,.]*\s?(?:%|percent\b|per\s+cent\b)/g,
	/\b\d[\d,.]*(?:\s+(?:million|billion|trillion|thousand|hundred))+(?:\s+\p{L}+)?/gu,
	/\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b/g,
	/\b\d+\.\d+\b/g,
];

const DOCUMENT_NOUN = String.raw`(?:declarations?|acts?|treat(?:y|ies)|accords?|charters?|conventions?|protocols?|constitutions?|memorand(?:um|a)|pacts?|statutes?|communiqu[eé]s?)`;
const NAME_WORD = String.raw`(?!(?:and|or|of|the|a|an|in|on|to|that|which|with|by|for|was|were|is)\b)[\p{L}’'-]+`;
/**
 * A year that only names a document ("the 1991 Alma-Ata Declaration", "a 1989 unification act"): a
 * determiner or possessive, the year, at most two name words, then a document noun.
 */
const DOCUMENT_YEAR = new RegExp(
	String.raw`(?<=\b(?:the|a|an|its|their|his|her|this|that|[’']s)\s)${YEAR}(?=\s+(?:${NAME_WORD}\s+){0,2}${DOCUMENT_NOUN}\b)`,
	'giu',
);

/** "10/11/2020", "25.12.2023": day precision when the order is clear (a part over 12), else the year. */
const NUMERIC_DATE = new RegExp(String.raw`\b(\d{1,2})([/.])(\d{1,2})\2(${YEAR})\b`, 'gu');
const resolveNumericDate: Resolve = (m) => {
	const [a, b, y] = [Number(m[1]), Number(m[3]), Number(m[4])];
	const [d, mo] = a > 12 ? [a, b] : b > 12 ? [b, a] : [0, 0];
	if (d === 0) return a >= 1 && b >= 1 && a <= 12 && b <= 12 ? yearOf(y) : null;
	return mo >= 1 && mo <= 12 && d <= daysIn(y, mo) ? dayOf({ y, m: mo, d }) : null;
};

/** Parts of a decade, each dated by its start: "early 1990s" → 1990, "mid-1990s" → 1994, "late 1990s" → 1997. */
const DECADE_PART: Readonly<Record<string, number>> = { early: 0, mid: 4, late: 7 };
const DECADE = new RegExp(String.raw`(?:\b(early|mid|late)[-\s]+)?\b((?:1[89]|20)\d0)['’]?s\b`, 'giu');
const resolveDecade: Resolve = (m) => yearOf(Number(m[2]) + (DECADE_PART[m[1]?.toLowerCase() ?? ''] ?? 0));

/** "summer 2024", "the winter of 1993": a season is given year precision (its bounds vary by hemisphere). */
const SEASON_YEAR = new RegExp(String.raw`\b${SEASONS}(?:\s+of)?\s+(${YEAR})(?!\d)`, 'giu');

/** Words before a number that make it a label, not a year: "Article 1990", "No. 2020", "#2021". */
const LABEL_BEFORE =
	/(?:\b(?:no|nos|nr|art|articles?|sections?|chapters?|clauses?|number|pages?|pp?|resolutions?|decrees?|flights?|routes?|rooms?|vol|volume|items?|codes?|iso|models?|version)\.?\s*|#\s*)$/i;
/** Nouns after a number that make it a count or a measure: "2000 troops", "1990 km". */
const UNIT_AFTER =
	/^\s*(?:people|persons|men|women|children|soldiers|troops|fighters|refugees|residents|civilians|villages|families|households|homes|houses|km|kilometers|kilometres|miles|meters|metres|feet|tons|tonnes|barrels|dollars|euros|pounds|yuan|yen|francs|kronor|kroner|krona|krone|rupees|pesos|reais|zloty|złoty|forints|lei|rand|dirhams|shekels|dinars|rials|riyals|baht|ringgit|drams|manats?|rubles|roubles|liras?|votes|seats|units|cases|members|delegates|prisoners|detainees|deaths|casualties|victims|hectares|acres|square|years|months|weeks|days|hours|minutes|decades|times|pages|articles|words|kg|mw|gw|gmt|utc|cet|hrs|local\s+time)\b/i;
/** Words before a number that make it a count when a plural noun follows ("about 2024 officers"). */
const QUANTIFIER_BEFORE =
	/\b(?:about|around|approximately|roughly|some|nearly|almost|over|under|than|least|most|up to|estimated)\s+$/i;
/** Words a year before 1900 needs in front of it to be taken for one ("in 1878"). */
const YEAR_PREPOSITION = /\b(?:in|since|of|by|until|from|between|before|after|during|and|to|early|late|mid)[\s-]*$/i;

/** A four-digit year standing alone, "mid-2022" and "late 2023" included; labels, counts refused. */
const BARE_YEAR = new RegExp(
	String.raw`(?<![\p{L}\p{N}$€£¥#/.,-])(?:(?:early|late|mid)[-\s])?(${YEAR})(?![\p{L}\p{N}%]|[.,]\d|['’]s)`,
	'giu',
);
const resolveBareYear: Resolve = (m, { text }) => {
	const year = Number(m[1]);
	const start = m.index + m[0].length - 4;
	const before = text.slice(Math.max(0, start - 24), start);
	const after = text.slice(start + 4);
	if (LABEL_BEFORE.test(before) || UNIT_AFTER.test(after)) return null;
	if (QUANTIFIER_BEFORE.test(before) && /^\s+\p{Ll}+s\b/u.test(after)) return null;
	if (year < 1900 && !YEAR_PREPOSITION.test(before)) return null;
	return yearOf(year);
};

/** The stages that refuse non-dates and read explicit dates, in order; relative stages run after them. */
export const EXPLICIT_STAGES: readonly Stage[] = [
	rule(NUMERIC_DATE, resolveNumericDate),
	...NOT_DATES.map(block),
	block(DOCUMENT_YEAR),
	...DAY_STAGES,
	rule(DECADE, resolveDecade),
	rule(SEASON_YEAR, (m) => yearOf(Number(m[2]))),
	rule(BARE_YEAR, resolveBareYear),
];
