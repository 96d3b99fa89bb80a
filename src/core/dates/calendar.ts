/** How exact a date is: a day, a month, or a year. */
export type Precision = 'day' | 'month' | 'year';

/** A date at some precision: `YYYY` (year), `YYYY-MM` (month) or `YYYY-MM-DD` (day). */
export interface PartialDate {
	readonly date: string;
	readonly precision: Precision;
}

/** A date a sentence states, and the words that state it: `sentence.slice(start, end)` (UTF-16). */
export interface DateMention extends PartialDate {
	readonly start: number;
	readonly end: number;
}

/** A calendar day: year, month (1–12) and day of the month (1–31). */
export interface Day {
	readonly y: number;
	readonly m: number;
	readonly d: number;
}

/** A day in milliseconds. */
export const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');
/** Year `y` as a date at year precision (`monthOf` and `dayOf`: month and day precision). */
export const yearOf = (y: number): PartialDate => ({ date: String(y), precision: 'year' });
export const monthOf = (y: number, m: number): PartialDate => ({ date: `${y}-${pad(m)}`, precision: 'month' });
export const dayOf = (t: Day): PartialDate => ({ date: `${t.y}-${pad(t.m)}-${pad(t.d)}`, precision: 'day' });
/** Milliseconds since the epoch at the day's UTC midnight. */
export const msOf = (t: Day) => Date.UTC(t.y, t.m - 1, t.d);
/** The number of days in month `m` (1–12) of year `y`. */
export const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
/** 0 = Monday … 6 = Sunday. */
export const weekdayOf = (t: Day) => (new Date(msOf(t)).getUTCDay() + 6) % 7;

/** The day `n` days after `t` (before it when `n` is negative). */
export function addDays(t: Day, n: number): Day {
	const d = new Date(msOf(t) + n * DAY_MS);
	return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
}

/** Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a real calendar date); null for anything else. */
export function parsePartialDate(text: string): PartialDate | null {
	const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text.trim());
	if (m === null) return null;
	const [y, mo, d] = [Number(m[1]), Number(m[2] ?? 1), Number(m[3] ?? 1)];
	if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return null;
	if (m[3] !== undefined) return dayOf({ y, m: mo, d });
	return m[2] !== undefined ? monthOf(y, mo) : yearOf(y);
}

/** The first and last day a date covers, as `YYYY-MM-DD`: "2024-02" → 2024-02-01 … 2024-02-29. */
export function dateRange(date: PartialDate): { readonly start: string; readonly end: string } {
	const [y, m] = [Number(date.date.slice(0, 4)), Number(date.date.slice(5, 7))];
	if (date.precision === 'day') return { start: date.date, end: date.date };
	if (date.precision === 'month') return { start: `${date.date}-01`, end: `${date.date}-${pad(daysIn(y, m))}` };
	return { start: `${date.date}-01-01`, end: `${date.date}-12-31` };
}
