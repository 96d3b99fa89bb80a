import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../../../../src/core/answer/suggest.js';
import { markCorrections, NEXT_STEPS, withHelpNote } from '../../../../src/core/render/help-note.js';
import { reply } from '../../../../src/core/render/render.js';

const suggestion: Suggestion = {
	question: 'Who leads the *Turkish* delgation?',
	corrections: [{ from: 'delgation', to: 'delegation', start: 24, end: 33 }],
	corrected: 'Who leads the *Turkish* delegation?',
	examined: 0,
};
const answer = { question: suggestion.question, answered: false, results: [] };
const base = reply("The sources don't say.");

describe('withHelpNote', () => {
	it('puts the corrected question, its fixes in italics and the rest escaped, before the results', () => {
		expect(markCorrections(suggestion.question, suggestion.corrections)).toBe(
			'Who leads the \\*Turkish\\* *delegation*?',
		);
		const r = withHelpNote(base, { answer, correctedFrom: suggestion });
		expect(r.content).toBe(
			"Showing results for “Who leads the \\*Turkish\\* *delegation*?”: the sources have no “delgation”.\nThe sources don't say.",
		);
	});

	it('offers the correction and a next step when the corrected question finds nothing either', () => {
		const r = withHelpNote(base, { answer, offer: suggestion });
		expect(r.content).toContain('Did you mean *delegation*?');
		expect(r.content).toContain('`/ask question:Who leads the *Turkish* delegation?`');
		expect(r.content).toContain(NEXT_STEPS);
	});

	it('says the sources are in English for a question that is not', () => {
		expect(withHelpNote(base, { answer, notEnglish: true }).content).toContain('The sources are in English');
		expect(withHelpNote(base, { answer, notEnglish: true, otherLanguages: ['fr', 'pt'] }).content).toContain(
			'The sources are in English, French and Portuguese: try asking in one of those.',
		);
	});

	it('leaves a reply without help as it was', () => {
		expect(withHelpNote(base, { answer })).toBe(base);
	});
});
