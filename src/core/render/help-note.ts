import type { Correction, HelpedAnswer, Suggestion } from '../answer/suggest.js';
import { escapeMarkdown, truncate } from './markdown.js';
import type { Reply } from './render.js';

/** Where to look when a question finds nothing: what the sources cover. */
export const NEXT_STEPS = 'See what the sources cover: `/sources`, `/source id:list` or `/timeline`.';

/** Longest question quoted back in a note. */
const MAX_QUOTED = 200;

/** The corrected question, escaped, each corrected word in italics: "Who leads the Turkish *delegation*…". */
export function markCorrections(question: string, corrections: readonly Correction[]): string {
	// On one line: a line break in the question would start a line of the reply with its text.
	const flat = (text: string) => escapeMarkdown(text.replace(/\s+/g, ' '));
	let out = '';
	let at = 0;
	for (const c of corrections) {
		out += `${flat(question.slice(at, c.start))}*${flat(c.to)}*`;
		at = c.end;
	}
	return truncate(out + flat(question.slice(at)), MAX_QUOTED * 2);
}

/** A question as a command to copy: in a code span, so nothing needs escaping (but its backticks). */
const askCommand = (question: string) =>
	`\`/ask question:${truncate(question.replace(/`/g, "'").replace(/\s+/g, ' ').trim(), MAX_QUOTED)}\``;

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language' });
/** "French" for `fr`; the code itself where the name is not known. */
const languageName = (code: string): string => LANGUAGE_NAMES.of(code) ?? code;
const listOf = (names: readonly string[]): string =>
	names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;

const typed = (s: Suggestion) =>
	s.corrections.map((c) => `“${escapeMarkdown(c.from.replace(/\s+/g, ' '))}”`).join(', ');

/**
 * An /ask reply with the help {@link answerWithHelp} found: the corrected question it shows results
 * for, or the corrections it offers, or that the sources are in English; with where to look next
 * when nothing was found. A reply without help comes back as it was.
 */
export function withHelpNote(reply: Reply, helped: HelpedAnswer): Reply {
	if (helped.correctedFrom !== undefined) {
		const { corrections } = helped.correctedFrom;
		const shown = markCorrections(helped.correctedFrom.question, corrections);
		const note = `Showing results for “${shown}”: the sources have no ${typed(helped.correctedFrom)}.`;
		return { ...reply, content: `${note}\n${reply.content}` };
	}
	if (helped.offer !== undefined) {
		const words = helped.offer.corrections.map((c) => `*${escapeMarkdown(c.to)}*`).join(', ');
		const note = `Did you mean ${words}? Spelt so, ${askCommand(helped.offer.corrected)} finds nothing either: try other words. ${NEXT_STEPS}`;
		return { ...reply, content: `${reply.content}\n${note}` };
	}
	if (helped.notEnglish === true) {
		const others = helped.otherLanguages ?? [];
		const note =
			others.length === 0
				? `The sources are in English: try asking in English. ${NEXT_STEPS}`
				: `The sources are in ${listOf(['English', ...others.map(languageName)])}: try asking in one of those. ${NEXT_STEPS}`;
		return { ...reply, content: `${reply.content}\n${note}` };
	}
	return reply;
}
