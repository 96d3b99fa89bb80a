import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildQuery } from '../../../../src/core/answer/query.js';
import {
	asksPhrase,
	holdsVerbatim,
	longestWord,
	needlesOf,
	normalizeForMatch,
	verbatimProbe,
} from '../../../../src/core/answer/verbatim.js';
import { corpusFrom, FIXTURE_DATA } from '../../../helpers/corpus.js';

const fixture = corpusFrom(FIXTURE_DATA);
const query = (question: string) => buildQuery(fixture.index, question);
const paragraph = (start: string) => fixture.paragraphs.find((p) => p.text.startsWith(start))!.text;
const CROSSING = paragraph('Officials said');
const MINISTERS = paragraph('The foreign ministers');
const AMBASSADOR = paragraph('Ambassador');

describe('normalizeForMatch', () => {
	it('lowercases, strips diacritics, turns punctuation into single spaces and trims', () => {
		expect(normalizeForMatch('  Hello, World!  ')).toBe('hello world');
		expect(normalizeForMatch('Café — déjà-vu')).toBe('cafe deja vu');
		expect(normalizeForMatch('Türkiye’s border')).toBe("turkiye's border");
		expect(normalizeForMatch('“within weeks.”')).toBe('within weeks');
		expect(normalizeForMatch('12 km, $4 million')).toBe('12 km 4 million');
		expect(normalizeForMatch('?!…')).toBe('');
	});

	it('is idempotent and leaves no capitals, doubled spaces or edge spaces', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
				const once = normalizeForMatch(text);
				expect(normalizeForMatch(once)).toBe(once);
				expect(once).not.toMatch(/ {2}|^ | $/);
				expect(once).toBe(once.toLowerCase());
			}),
			{ numRuns: 300 },
		);
	});
});

describe('needlesOf', () => {
	it('is the whole question, folded and without its final mark, for a question of three words or more', () => {
		const needles = needlesOf(query('Who led the Turkish side?'));
		expect([...needles]).toEqual(['who led the turkish side']);
		expect(needles.whole).toBe('who led the turkish side');
	});

	it('is nothing for a question of fewer than three words', () => {
		expect([...needlesOf(query('Kars railway?'))]).toEqual([]);
	});

	it('is the quoted phrases alone when the question quotes, in straight or curly marks', () => {
		const needles = needlesOf(query('Who said "within weeks" and “third-country nationals”?'));
		expect([...needles]).toEqual(['within weeks', 'third country nationals']);
		expect(needles.whole).toBeUndefined();
	});

	it('ignores a quoted run of fewer than three characters', () => {
		const needles = needlesOf(query('what does "ok" mean here'));
		expect(needles.whole).toBe('what does ok mean here');
	});

	it('is computed once per query', () => {
		const q = query('Who led the Turkish side?');
		expect(needlesOf(q)).toBe(needlesOf(q));
	});
});

describe('asksPhrase', () => {
	it('is true when the question quotes a phrase, false for a plain question or one too short', () => {
		expect(asksPhrase(query('Where does "within weeks" come from?'))).toBe(true);
		expect(asksPhrase(query('Who led the Turkish side?'))).toBe(false);
		expect(asksPhrase(query('Kars?'))).toBe(false);
	});
});

describe('holdsVerbatim', () => {
	it('finds a quoted phrase in a paragraph, whatever its case and punctuation', () => {
		expect(holdsVerbatim(query('Where does "Within Weeks" come from?'), CROSSING)).toBe(true);
		expect(holdsVerbatim(query('Where does "within weeks" come from?'), MINISTERS)).toBe(false);
	});

	it('finds a whole pasted sentence, and not a sentence with a word changed', () => {
		expect(holdsVerbatim(query('the crossing at Alican could open to third-country nationals'), CROSSING)).toBe(true);
		expect(holdsVerbatim(query('the crossing at Alican could close to third-country nationals'), CROSSING)).toBe(false);
	});

	it('finds a question typed with the diacritics the paragraph has', () => {
		expect(holdsVerbatim(query('foreign ministers of Türkiye and Armenia'), MINISTERS)).toBe(true);
	});

	it('finds a question typed without the diacritics the paragraph has', () => {
		expect(holdsVerbatim(query('Turkiye and Armenia met'), MINISTERS)).toBe(true);
	});

	it('holds nothing when the question has no needle', () => {
		expect(holdsVerbatim(query('Kars?'), 'Kars')).toBe(false);
	});

	it('agrees with comparing the folded texts, for texts without diacritics', () => {
		const word = fc.constantFrom('the', 'border', 'Kars', 'opened', 'train', 'weeks', 'within');
		const sentence = fc.array(word, { minLength: 3, maxLength: 6 }).map((ws) => ws.join(' '));
		fc.assert(
			fc.property(sentence, sentence, fc.constantFrom(', ', ' ', '; '), (q, rest, sep) => {
				const text = `${rest}${sep}${q}.`;
				expect(holdsVerbatim(query(q), text)).toBe(normalizeForMatch(text).includes(normalizeForMatch(q)));
			}),
			{ numRuns: 200 },
		);
	});

	it('keeps the dotless ı, which is a letter, not a diacritic: a question matching the paragraph’s spelling holds', () => {
		expect(normalizeForMatch('Kılıç')).toBe('kılıc');
		expect(holdsVerbatim(query('Ambassador Serdar Kılıç led the Turkish side'), AMBASSADOR)).toBe(true);
	});
});

describe('longestWord', () => {
	it('is the needle’s longest word, the first on a tie', () => {
		expect(longestWord('who led the turkish side')).toBe('turkish');
		expect(longestWord('within weeks')).toBe('within');
	});

	it('is only the ASCII prefix of a word folding left non-ASCII letters in', () => {
		expect(longestWord('kılıcdarogl said')).toBe('k');
	});
});

describe('verbatimProbe', () => {
	it('is a case-blind pattern of the needles’ longest words', () => {
		const probe = verbatimProbe(query('Who said "within weeks" and "third-country nationals"?'))!;
		expect(probe.flags).toContain('i');
		expect(probe.test('WITHIN')).toBe(true);
		expect(probe.test('nationals')).toBe(true);
		expect(probe.test('border')).toBe(false);
		expect(probe.test(CROSSING)).toBe(true);
	});

	it('matches a paragraph holding the whole pasted sentence', () => {
		const q = query('the crossing at Alican could open to third-country nationals');
		expect(verbatimProbe(q)!.test(CROSSING)).toBe(true);
	});

	it('is undefined when there is no needle, or a needle has no word of two letters', () => {
		expect(verbatimProbe(query('Kars?'))).toBeUndefined();
		expect(verbatimProbe(query('what is "a b" then'))).toBeUndefined();
	});
});
