/**
 * Word lists the analyzer uses, kept as data so they can be read, reviewed and
 * extended without touching the code that applies them.
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
 * Spellings of one name, folded to a single canonical term in both questions and passages: the
 * corpus writes Türkiye and Turkey, Nakhchivan and Nakhichevan, Kılıç and Kilic for the same thing.
 * Keys and values are already lowercase and diacritic-folded.
 */
export const ALIASES: Readonly<Record<string, string>> = {
	turkiye: 'turkey',
	turkiya: 'turkey',
	nakhichevan: 'nakhchivan',
	nakhijevan: 'nakhchivan',
	naxcivan: 'nakhchivan',
	karabagh: 'karabakh',
	artsakh: 'karabakh',
	erevan: 'yerevan',
	kiev: 'kyiv',
	tiflis: 'tbilisi',
	azerbaidjan: 'azerbaijan',
	pashinian: 'pashinyan',
	aliev: 'aliyev',
	mirzoian: 'mirzoyan',
	kilich: 'kilic',
	moskva: 'moscow',
	belarussia: 'belarus',
	usa: 'unitedstates',
	america: 'unitedstates',
	jan: 'january',
	feb: 'february',
	apr: 'april',
	jun: 'june',
	jul: 'july',
	aug: 'august',
	sep: 'september',
	sept: 'september',
	oct: 'october',
	nov: 'november',
	dec: 'december',
};

/**
 * Acronyms written in capitals (or with dots: U.S., U.N.) that would otherwise be read as common
 * words ("US" is not "us"), mapped to the term their spelled-out name gets in {@link PHRASES}.
 */
export const ACRONYMS: Readonly<Record<string, string>> = {
	us: 'unitedstates',
	usa: 'unitedstates',
	un: 'unitednations',
	eu: 'europeanunion',
	uk: 'unitedkingdom',
};

/** Multi-word names read as one term, so "United States" and "U.S." match each other. */
export const PHRASES: ReadonlyArray<readonly [string, string, string]> = [
	['united', 'states', 'unitedstates'],
	['united', 'nations', 'unitednations'],
	['european', 'union', 'europeanunion'],
	['united', 'kingdom', 'unitedkingdom'],
	['white', 'house', 'whitehouse'],
];

/**
 * Names of peoples and their adjectives, pointing at their country. A question about "the Turkish
 * delegation" is also a question about Türkiye's delegation, so questions are expanded with the
 * country at a lower weight (passages keep the word as written).
 */
export const DEMONYMS: Readonly<Record<string, string>> = {
	turkish: 'turkey',
	turk: 'turkey',
	turks: 'turkey',
	armenian: 'armenia',
	armenians: 'armenia',
	azerbaijani: 'azerbaijan',
	azerbaijanis: 'azerbaijan',
	azeri: 'azerbaijan',
	azeris: 'azerbaijan',
	russian: 'russia',
	russians: 'russia',
	georgian: 'georgia',
	georgians: 'georgia',
	iranian: 'iran',
	iranians: 'iran',
	french: 'france',
	american: 'unitedstates',
	americans: 'unitedstates',
	kazakh: 'kazakhstan',
	european: 'europe',
	europeans: 'europe',
	ukrainian: 'ukraine',
	chinese: 'china',
	syrian: 'syria',
	lebanese: 'lebanon',
	israeli: 'israel',
	indian: 'india',
	german: 'germany',
	british: 'unitedkingdom',
};

/**
 * Capitals that news uses for their governments ("Baku insists", "talks with Yerevan"). A question
 * naming one also looks for its country, and the reverse, at a lower weight.
 */
export const CAPITALS: Readonly<Record<string, string>> = {
	baku: 'azerbaijan',
	yerevan: 'armenia',
	ankara: 'turkey',
	moscow: 'russia',
	kremlin: 'russia',
	tbilisi: 'georgia',
	tehran: 'iran',
	washington: 'unitedstates',
	brussels: 'europeanunion',
	paris: 'france',
	beijing: 'china',
	kyiv: 'ukraine',
	astana: 'kazakhstan',
	berlin: 'germany',
	london: 'unitedkingdom',
};

/**
 * Words news uses for the same thing, each group matched at a lower weight than the word itself: a
 * question about "weapons" finds "arms", one about "TV channels" finds "broadcaster".
 */
export const SYNONYMS: ReadonlyArray<readonly string[]> = [
	['weapon', 'arms', 'armament'],
	['sell', 'sale', 'sold'],
	['buy', 'purchase', 'acquire'],
	['die', 'died', 'death', 'dead', 'killed', 'casualties'],
	['tv', 'television', 'broadcaster', 'channel'],
	['newspaper', 'outlet', 'media', 'journalist'],
	['envoy', 'ambassador', 'delegation', 'representative'],
	['agreement', 'deal', 'accord', 'pact', 'treaty'],
	['talks', 'negotiations', 'meeting', 'summit'],
	['war', 'conflict', 'fighting', 'hostilities'],
	['border', 'frontier', 'boundary'],
	['leader', 'president', 'premier'],
	['minister', 'secretary'],
	['help', 'aid', 'assist', 'support'],
	['begin', 'start', 'launch', 'kick'],
	['end', 'finish', 'conclude'],
	['close', 'shut', 'seal', 'block'],
	['prisoner', 'detainee', 'captive', 'imprisoned'],
	['refugee', 'displaced'],
	['economy', 'economic', 'trade'],
	['railway', 'railroad', 'rail'],
	['pipeline', 'gas'],
	['country', 'nation', 'state'],
	['victory', 'victor', 'win', 'won'],
	['remove', 'withdraw', 'withdrawal', 'removal'],
	['stop', 'halt', 'suspend'],
	['quick', 'fast', 'rush', 'hurry'],
	['head', 'lead', 'led', 'chair'],
	['sanction', 'penalty'],
	['election', 'vote', 'poll'],
];

/** Irregular verb forms the stemmer cannot join to their base form ("led" and "leads"). */
export const IRREGULAR_FORMS: Readonly<Record<string, string>> = {
	led: 'lead',
	met: 'meet',
	said: 'say',
	says: 'say',
	took: 'take',
	taken: 'take',
	began: 'begin',
	begun: 'begin',
	held: 'hold',
	made: 'make',
	gave: 'give',
	given: 'give',
	went: 'go',
	gone: 'go',
	won: 'win',
	broke: 'break',
	broken: 'break',
	brought: 'bring',
	sought: 'seek',
	fought: 'fight',
	told: 'tell',
	thought: 'think',
	saw: 'see',
	seen: 'see',
	ran: 'run',
	chose: 'choose',
	chosen: 'choose',
	spoke: 'speak',
	spoken: 'speak',
	wrote: 'write',
	written: 'write',
	fled: 'flee',
	fell: 'fall',
	fallen: 'fall',
	rose: 'rise',
	risen: 'rise',
	grew: 'grow',
	grown: 'grow',
	knew: 'know',
	known: 'know',
	built: 'build',
	sent: 'send',
	spent: 'spend',
	lost: 'lose',
	paid: 'pay',
	bought: 'buy',
	sold: 'sell',
	kept: 'keep',
	left: 'leave',
	felt: 'feel',
	struck: 'strike',
	drew: 'draw',
	drawn: 'draw',
	hit: 'hit',
	cut: 'cut',
	set: 'set',
	shot: 'shoot',
	stood: 'stand',
	understood: 'understand',
	overcame: 'overcome',
	withdrew: 'withdraw',
	withdrawn: 'withdraw',
	froze: 'freeze',
	frozen: 'freeze',
	children: 'child',
	men: 'man',
	women: 'woman',
	people: 'people',
};
