import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEGMENT_CHUNK, splitSentences, type Span } from '../../../../src/core/text/sentences.js';

// The splitter as it was before it was made linear (a13366c), kept as the reference its output must
// match: it re-read the whole pending sentence after every abbreviation, quadratic on "Dr. Dr. …".
const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
const ABBREVIATIONS = new Set(
	`mr mrs ms dr prof sr jr st gen col lt sgt capt cmdr adm gov sen rep amb pres hon rev jan feb mar apr
	jun jul aug sep sept oct nov dec no nos vol vols fig figs vs al inc ltd co corp dept univ approx
	est mt ft op ed eds pp cf e.g i.e`.split(/\s+/),
);
function endsWithAbbreviation(segment: string): boolean {
	const trimmed = segment.trimEnd();
	const match = /(?:^|[\s(“"‘'[])((?:\p{L}\.)+|\p{L}+\.)$/u.exec(trimmed);
	if (match === null) return false;
	const word = match[1]!;
	if (/^(?:\p{L}\.)+$/u.test(word)) return /^\p{Lu}/u.test(word) || word.length > 2;
	return ABBREVIATIONS.has(word.slice(0, -1).toLowerCase());
}
function trimSpan(text: string, start: number, end: number): Span | null {
	let s = start;
	let e = end;
	while (s < e && /\s/.test(text[s]!)) s++;
	while (e > s && /\s/.test(text[e - 1]!)) e--;
	return s < e ? { start: s, end: e } : null;
}
function segments(text: string): Span[] {
	const out: Span[] = [];
	for (const { segment, index } of segmenter.segment(text)) out.push({ start: index, end: index + segment.length });
	for (let i = 0; i + 1 < out.length; i++) {
		const here = out[i]!;
		if (text[here.end - 1] !== '[') continue;
		const close = /^[^\s\]]{0,8}\]\s*/.exec(text.slice(here.end));
		if (close === null) continue;
		const cut = here.end + close[0].length;
		out[i] = { start: here.start, end: cut };
		out[i + 1] = { start: cut, end: Math.max(cut, out[i + 1]!.end) };
	}
	return out;
}
function referenceSplit(text: string): Span[] {
	const spans: Span[] = [];
	let pendingStart = -1;
	for (const segment of segments(text)) {
		const start = pendingStart >= 0 ? pendingStart : segment.start;
		const end = segment.end;
		if (end < text.length && endsWithAbbreviation(text.slice(start, end))) {
			pendingStart = start;
			continue;
		}
		pendingStart = -1;
		const span = trimSpan(text, start, end);
		if (span !== null) spans.push(span);
	}
	if (pendingStart >= 0) {
		const span = trimSpan(text, pendingStart, text.length);
		if (span !== null) spans.push(span);
	}
	return spans;
}

/** Pieces of real news sentences, abbreviations, initials, quotes and footnotes, joined at random. */
const PIECES = [
	'The foreign ministers met on Saturday in Kars.',
	'Ambassador Serdar Kılıç led the Turkish side;',
	'the U.S. envoy,',
	'Dr. Jane Roe,',
	'attended as an observer.',
	'Mr. Ilham spoke.',
	'They met on Sept. 1.',
	'It went well!',
	'Did it?',
	'“It is over.”',
	'A new corridor.[2]',
	'Then [3] left.',
	'J. R. R. Tolkien wrote it.',
	'Gen. Smith, Sen. Jones and Prof. Lee (U.K.) signed',
	'e.g. the vote',
	'i.e. no.',
	'No. 10 said so.',
	'St. Louis',
	'U.S.S.R.',
	'approx. 300 km',
	'at 4:40 a.m. GMT.',
	'Inc.',
	'co.',
	'‘Quoted.’',
	'(see fig. 3).',
	'$1.5 billion.',
	'a.',
	'B.',
	'𝐀.',
	'...',
	'—',
];
const SEPARATORS = [' ', ' ', ' ', '  ', '', '\u00a0', '\t'];
const text = fc
	.array(fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom(...SEPARATORS)), { maxLength: 40 })
	.map((parts) => parts.map(([p, s]) => p + s).join(''));

describe('splitSentences against the splitter it replaced', () => {
	it('splits text made of real sentence pieces and abbreviations exactly as before', () => {
		fc.assert(
			fc.property(text, (t) => {
				expect(splitSentences(t)).toEqual(referenceSplit(t));
			}),
			{ numRuns: 2_000 },
		);
	});

	it('splits any short string exactly as before', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 200 }), (t) => {
				expect(splitSentences(t)).toEqual(referenceSplit(t));
			}),
			{ numRuns: 2_000 },
		);
	});

	it('splits a paragraph as long as one segmented whole exactly as before', () => {
		const long = PIECES.join(' ').repeat(Math.floor(SEGMENT_CHUNK / PIECES.join(' ').length));
		expect(long.length).toBeLessThanOrEqual(SEGMENT_CHUNK);
		expect(splitSentences(long)).toEqual(referenceSplit(long));
	});

	it('keeps 128k characters of "Dr. " one sentence, as before', () => {
		// The reference takes seconds here; the result is checked, the time is the stress suite's.
		const drs = 'Dr. '.repeat(32_000);
		expect(splitSentences(drs)).toEqual([{ start: 0, end: drs.length - 1 }]);
	});
});
