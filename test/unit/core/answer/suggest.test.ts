import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answer } from '../../../../src/core/answer/answer.js';
import {
	answerWithHelp,
	editsOf,
	looksNotEnglish,
	suggestSpelling,
	SUGGEST_TUNING,
} from '../../../../src/core/answer/suggest.js';
import { createCorpus, viewOf } from '../../../../src/core/corpus.js';
import { boundedEditDistance } from '../../../../src/core/text/close-ids.js';
import { fold, WORD } from '../../../../src/core/text/fold.js';
import { parseCatalog } from '../../../../src/core/catalog.js';
import { corpusFrom, DEFAULT_DATA } from '../../../helpers/corpus.js';

const corpus = corpusFrom(DEFAULT_DATA);
const { vocabulary, background, analyzer } = corpus.index;

/** Words of the sources a corrector may be asked to restore: long, plain letters, rare in everyday English. */
const rareWords = [
	...new Set(
		corpus.paragraphs.flatMap((p) =>
			[...p.text.matchAll(WORD)].map((m) => fold(m[0])).filter((w) => /^[a-z]{8,}$/.test(w)),
		),
	),
].filter((w) => {
	const term = analyzer.termOfWord(w);
	return term !== null && vocabulary.has(term) && !background.has(term);
});

/** The most work one word may cost: its one-edit spellings, the capped lookup, a few paragraphs per term. */
const MAX_PARAGRAPH_WORDS = 2_500;
const boundFor = (question: string) =>
	[...question.matchAll(WORD)].reduce(
		(sum, m) =>
			sum +
			54 * m[0].length +
			26 +
			SUGGEST_TUNING.maxFuzzy +
			SUGGEST_TUNING.maxTerms * SUGGEST_TUNING.surfaceParagraphs * MAX_PARAGRAPH_WORDS,
		0,
	);

describe('editsOf', () => {
	it('gives every deletion, transposition, substitution and insertion, at most 54n + 26', () => {
		const edits = editsOf('cat');
		for (const e of ['at', 'act', 'bat', 'cats', 'scat', 'ca']) expect(edits).toContain(e);
		fc.assert(
			fc.property(fc.stringMatching(/^[a-z]{0,12}$/), (w) => {
				expect(editsOf(w).length).toBeLessThanOrEqual(54 * w.length + 26);
			}),
		);
	});
});

describe('suggestSpelling', () => {
	it('corrects "delgation" to "delegation" and leaves the rest of the question as typed', () => {
		const s = suggestSpelling(corpus, 'Who leads the Turkish delgation to Armenia?');
		expect(s.corrected).toBe('Who leads the Turkish delegation to Armenia?');
		expect(s.corrections).toEqual([{ from: 'delgation', to: 'delegation', start: 22, end: 31 }]);
	});

	it('corrects two edits in a long word, and a typo past the stem', () => {
		expect(suggestSpelling(corpus, 'the deleagtion').corrected).toBe('the delegation');
		expect(suggestSpelling(corpus, 'the delegatoin').corrected).toBe('the delegation');
		// Counterexamples fast-check found: a short stem's lookup crowded by frequent terms, and a
		// transposition that reads as another, more frequent term ("militariely": military's).
		expect(suggestSpelling(corpus, 'inerently').corrected).toBe('inherently');
		expect(suggestSpelling(corpus, 'militareily').corrected).toBe('militarily');
	});

	it('keeps a capital the word was typed with', () => {
		expect(suggestSpelling(corpus, 'What did Erdogn say?').corrected).toBe('What did Erdogan say?');
	});

	it('leaves everyday English the sources lack alone: it is no misspelling', () => {
		expect(suggestSpelling(corpus, 'What is a volcano?').corrections).toEqual([]);
	});

	it('corrects a random one-letter typo of a word of the sources back to it', () => {
		const typo = fc
			.record({
				word: fc.constantFrom(...rareWords),
				kind: fc.constantFrom('delete', 'insert', 'replace', 'swap'),
				at: fc.nat(),
				letter: fc.constantFrom(...Array.from('abcdefghijklmnopqrstuvwxyz')),
			})
			.map(({ word, kind, at, letter }) => {
				const i = at % word.length;
				const typed =
					kind === 'delete'
						? word.slice(0, i) + word.slice(i + 1)
						: kind === 'insert'
							? word.slice(0, i) + letter + word.slice(i)
							: kind === 'replace'
								? word.slice(0, i) + letter + word.slice(i + 1)
								: word.slice(0, i) + word.slice(i + 1, i + 2) + word.charAt(i) + word.slice(i + 2);
				return { word, typed };
			});
		fc.assert(
			fc.property(typo, ({ word, typed }) => {
				const term = analyzer.termOfWord(typed);
				// Only a typo that made an unknown word: one that made another word of the sources, or of English, is no typo to them.
				fc.pre(term !== null && !vocabulary.has(term) && !background.has(term));
				const s = suggestSpelling(corpus, `What about ${typed}?`);
				expect(s.corrections).toHaveLength(1);
				const to = s.corrections[0]!.to;
				const wanted = analyzer.termOfWord(word)!;
				const got = analyzer.termOfWord(to)!;
				// Back to the word (or another form of it the sources write), or to a word of theirs at
				// least as close to the typo ("prioritzies": priorities, one edit, before prioritizes, two),
				// the more frequent when as close ("underining": undermining before underlining).
				if (got !== wanted) {
					const distanceTo = (w: string) => boundedEditDistance(fold(w), typed, 2);
					expect(distanceTo(to)).toBeLessThanOrEqual(distanceTo(word));
					if (distanceTo(to) === distanceTo(word))
						expect(vocabulary.get(got)).toBeGreaterThanOrEqual(vocabulary.get(wanted)!);
				}
			}),
			{ numRuns: 200 },
		);
	});

	it('never changes a word the sources or everyday English know', () => {
		const known = fc.constantFrom(...rareWords.slice(0, 200), 'delegation', 'border', 'president', 'volcano', 'the');
		const noise = fc.stringMatching(/^[a-z]{1,10}$/);
		fc.assert(
			fc.property(fc.array(fc.oneof(known, noise), { minLength: 1, maxLength: 8 }), (words) => {
				const s = suggestSpelling(corpus, words.join(' '));
				for (const c of s.corrections) {
					const term = analyzer.termOfWord(c.from);
					expect(term === null || vocabulary.has(term) || background.has(term)).toBe(false);
				}
			}),
			{ numRuns: 200 },
		);
	});

	it('does work bounded by the question, not by the vocabulary: the same bound with 60,000 more terms', () => {
		const random = fc.sample(fc.stringMatching(/^[a-z]{6,10}$/), { numRuns: 60_000, seed: 17 });
		const filler = Array.from({ length: 600 }, (_, i) => random.slice(i * 100, (i + 1) * 100).join(' ')).join('\n');
		const { sources } = parseCatalog([
			{
				id: 'filler-2025-01-01',
				file: 'f.txt',
				title: 'Filler',
				publisher: 'Test',
				url: 'https://example.com/f',
				published: '2025-01-01',
			},
		]);
		const big = createCorpus(
			[
				...corpus.sources.map((source) => ({
					source,
					text: corpus.paragraphsOf
						.get(source.id)!
						.map((p) => p.text)
						.join('\n'),
				})),
				{ source: sources[0]!, text: filler },
			],
			{ background, analyzer },
		);
		expect(big.index.vocabulary.size).toBeGreaterThan(50_000);
		const question = 'Who leads the Turkish delgation to Armenia?';
		const small = suggestSpelling(corpus, question);
		const large = suggestSpelling(big, question);
		expect(large.corrected).toBe('Who leads the Turkish delegation to Armenia?');
		expect(small.examined).toBeLessThanOrEqual(boundFor(question));
		expect(large.examined).toBeLessThanOrEqual(boundFor(question));
		// One-edit spellings and a pruned lookup: a few thousand looks at most, against 60,000 terms.
		expect(large.examined).toBeLessThan(5_000);
	});

	it('never offers a word only another library holds', () => {
		const none = viewOf(corpus, ['guild:1']);
		expect(none.sources).toEqual([]);
		expect(suggestSpelling(none, 'Who leads the Turkish delgation to Armenia?').corrections).toEqual([]);
	});
});

describe('looksNotEnglish', () => {
	it('tells a French or German question from an English one with a typo', () => {
		expect(looksNotEnglish(corpus, 'Qui dirige la délégation turque en Arménie ?')).toBe(true);
		expect(looksNotEnglish(corpus, 'Wer leitet die türkische Delegation nach Armenien?')).toBe(true);
		expect(looksNotEnglish(corpus, 'Who leads the Turkish delgation to Armenia?')).toBe(false);
		expect(looksNotEnglish(corpus, 'Gyumri?')).toBe(false);
	});
});

describe('answerWithHelp', () => {
	it('answers the corrected question when the one asked finds nothing', () => {
		const helped = answerWithHelp(corpus, 'Who leads the Turkish delgation to Armenia?');
		expect(helped.answer.answered).toBe(true);
		expect(helped.correctedFrom?.corrected).toBe('Who leads the Turkish delegation to Armenia?');
	});

	it('never changes an answer that passes: the same answer, no help', () => {
		const questions = corpus.paragraphs.slice(0, 40).map((p) => p.text.split(/(?<=[.?!])\s/)[0]!.slice(0, 120));
		fc.assert(
			fc.property(fc.constantFrom(...questions), (q) => {
				const plain = answer(corpus, q);
				fc.pre(plain.answered);
				expect(answerWithHelp(corpus, q)).toEqual({ answer: plain });
			}),
		);
	});

	it('says a question in another language is not English rather than "correcting" it', () => {
		const helped = answerWithHelp(corpus, 'Wer leitet die türkische Delegation nach Armenien?');
		expect(helped).toMatchObject({ notEnglish: true });
		expect(helped.correctedFrom).toBeUndefined();
	});
});
