/**
 * The word lists written by hand: English function words, question framing, two organizations and a
 * few synonyms. They hold for news on any subject. Country names, capitals, demonyms and irregular forms
 * are generated from maintained data into lexicon-data.ts (`npm run lexicon`); words one corpus needs
 * (its people's spellings, its metonyms) go in that corpus's lexicon.json (see corpus-lexicon.ts).
 */

/** English function words that carry no topic; dropped from questions and passages alike. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
	`a about above after again against all am an and any are aren't as at be because been before being
	below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down
	during each few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here
	here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its
	itself let's me more most mustn't my myself no nor not of off on once only or other ought our ours
	ourselves out over own same shan't she she'd she'll she's should shouldn't so some such than that
	that's the their theirs them themselves then there there's these they they'd they'll they're they've
	this those through to too under until up very was wasn't we we'd we'll we're we've were weren't what
	what's when when's where where's which while who who's whom why why's with won't would wouldn't you
	you'd you'll you're you've your yours yourself yourselves also s t just will shall may might must
	whose us`.split(/\s+/),
);

/**
 * Words that only frame a question ("tell me", "what happened") and never name its topic. They are
 * dropped from questions, not from passages.
 */
export const QUESTION_WORDS: ReadonlySet<string> = new Set(
	`tell explain describe happen happened happens say says said mean means according kind sort type
	please know anything something thing things`.split(/\s+/),
);

/** Phrases that frame a question and name nothing ("What does TRIPP stand for?"); blanked before analysis. */
export const QUESTION_FRAMES: ReadonlyArray<RegExp> = [
	/\bstands? for\b/gi,
	/\b(?:is|are|was|were) meant by\b/gi,
	/\brefers? to\b/gi,
	/\b(?:can|could) you\b/gi,
	/\b(?:tell|show) me\b/gi,
	/\bdo you know\b/gi,
	/\bis known about\b/gi,
];

/**
 * International organizations news names by acronym, written out: "the UN" and "the United Nations" are
 * one term (countries' acronyms are generated; see lexicon-data.ts).
 */
export const ORGANIZATIONS: ReadonlyArray<{ readonly name: string; readonly acronym: string }> = [
	{ name: 'united nations', acronym: 'un' },
	{ name: 'european union', acronym: 'eu' },
];

/**
 * Words that mean the same in any news, each group matched at a lower weight than the word itself. Only
 * true synonyms: a group that fits one story's questions ("pipeline" for "gas") belongs in that
 * corpus's lexicon.json, and near-misses ("economy" for "trade", "state" for "country") mislead.
 */
export const SYNONYMS: ReadonlyArray<readonly string[]> = [
	['tv', 'television'],
	['railway', 'railroad'],
	['buy', 'purchase'],
	['begin', 'start'],
	['end', 'finish'],
	['stop', 'halt'],
	['close', 'shut'],
	['help', 'aid', 'assist'],
	['border', 'frontier'],
	['agreement', 'accord', 'pact', 'treaty', 'deal'],
	['talks', 'negotiations'],
	['die', 'death', 'dead'],
];
