import { describe, expect, it } from 'vitest';
import { analyzeQuestion, terms } from '../../../../src/core/text/analyze.js';
import {
	ORGANIZATIONS,
	QUESTION_FRAMES,
	QUESTION_WORDS,
	STOP_WORDS,
	SYNONYMS,
} from '../../../../src/core/text/lexicon.js';

// The lists are data; these tests check that each entry does what its list is for in the analyzer
// (analyze.test.ts covers the analyzer itself), so a typo or a dead entry fails here.

const questionTerms = (q: string) => analyzeQuestion(q).map((t) => t.term);

/** One question per frame, framed so that only its topic should be left. */
const FRAMED: ReadonlyArray<readonly [question: string, topic: string]> = [
	['What does TRIPP stand for?', 'TRIPP'],
	['What is meant by minilateralism?', 'minilateralism'],
	['What does the corridor refer to?', 'corridor'],
	['Can you name the envoy?', 'name envoy'],
	['Tell me about the border', 'border'],
	['Show me the treaty', 'treaty'],
	['Do you know the ceasefire terms?', 'ceasefire terms'],
	['What is known about the pipeline?', 'pipeline'],
];

describe('STOP_WORDS', () => {
	it('are dropped from any text, each as written in the list', () => {
		for (const word of STOP_WORDS) expect(terms(word), word).toEqual([]);
	});

	it('hold lower-case words only, as the analyzer compares them', () => {
		for (const word of STOP_WORDS) expect(word).toMatch(/^[a-z']+$/);
	});
});

describe('QUESTION_WORDS', () => {
	it('are dropped from questions but kept in passages', () => {
		for (const word of QUESTION_WORDS) {
			expect(questionTerms(`${word} border`), word).toEqual(terms('border'));
			expect(terms(word), word).toHaveLength(1);
		}
	});
});

describe('QUESTION_FRAMES', () => {
	it('leave only the topic of a framed question', () => {
		for (const [question, topic] of FRAMED) expect(questionTerms(question), question).toEqual(terms(topic));
	});

	it('take out of questions only: passages keep "stand", "meant", "refer", "known" and "show"', () => {
		for (const word of ['stand', 'meant', 'refer', 'known', 'show'])
			expect(terms(`They ${word} firm.`), word).toHaveLength(2);
	});

	it('each have an example above, and blank every place they occur', () => {
		for (const frame of QUESTION_FRAMES) {
			expect(
				FRAMED.some(([q]) => new RegExp(frame.source, frame.flags).test(q)),
				String(frame),
			).toBe(true);
			expect(frame.flags).toContain('g');
		}
		expect(questionTerms('What does EU stand for, and what does CSTO stand for?')).toEqual(terms('EU CSTO'));
	});
});

describe('ORGANIZATIONS', () => {
	it('make an acronym and its name one term', () => {
		for (const { name, acronym } of ORGANIZATIONS) {
			expect(terms(acronym.toUpperCase()), acronym).toEqual(terms(name));
			expect(terms(name), name).toHaveLength(1);
		}
	});
});

describe('SYNONYMS', () => {
	it('relate each word of a group to the others in a question', () => {
		for (const group of SYNONYMS) {
			for (const word of group) {
				const [term] = analyzeQuestion(word);
				const others = group.filter((w) => w !== word).map((w) => terms(w)[0]!);
				for (const other of others) expect(term?.alternatives.has(other), `${word} → ${other}`).toBe(true);
			}
		}
	});

	it('are words the analyzer keeps, each in one group only, with terms of their own', () => {
		const seen = new Set<string>();
		for (const group of SYNONYMS) {
			expect(group.length).toBeGreaterThanOrEqual(2);
			const groupTerms = group.map((w) => terms(w));
			for (const t of groupTerms) expect(t).toHaveLength(1);
			expect(new Set(groupTerms.flat()).size, group.join(', ')).toBe(group.length);
			for (const word of group) {
				expect(seen.has(word), word).toBe(false);
				seen.add(word);
			}
		}
	});
});
