import { z } from 'zod';

/**
 * Word knowledge one corpus needs and news in general does not: the spellings its people and places go
 * by ("pashinian" for "pashinyan"), the metonyms its outlets use ("the Kremlin" for Russia), the words
 * its stories use for one thing. Read from `lexicon.json` in the data directory (optional); the
 * analyzer applies it beside the general tables, to passages and questions alike.
 */
export interface CorpusLexicon {
	/** Spelling → the spelling it stands for, both one word ("pashinian" → "pashinyan"). */
	readonly aliases: Readonly<Record<string, string>>;
	/** Groups of words matched to each other at a lower weight, like the general synonyms. */
	readonly synonyms: ReadonlyArray<readonly string[]>;
	/** Capital or seat of power → the country or body it stands for ("kremlin" → "Russia"). */
	readonly capitals: Readonly<Record<string, string>>;
	/** Name of a people → its country ("azeri" → "Azerbaijan"). */
	readonly demonyms: Readonly<Record<string, string>>;
}

export const EMPTY_LEXICON: CorpusLexicon = { aliases: {}, synonyms: [], capitals: {}, demonyms: {} };

/** One word as the analyzer splits text: letters and digits, inner apostrophes allowed. */
const Word = z.string().regex(/^[\p{L}\p{N}]+(?:['’]\p{L}+)*$/u, 'must be one word (letters and digits)');
/** A word or a name of several words ("European Union"); the analyzer must read it as one term. */
const Name = z.string().trim().min(1, 'must not be empty');

/** The shape of `lexicon.json`; every field may be left out. */
export const CorpusLexiconSchema = z.strictObject({
	aliases: z.record(Word, Word).default({}),
	synonyms: z.array(z.array(Word).min(2, 'a group needs two words at least')).default([]),
	capitals: z.record(Word, Name).default({}),
	demonyms: z.record(Word, Name).default({}),
});
