import { franc } from 'franc-min';

/**
 * A language tag as a catalog stores it: its primary subtag, lowercase ("pt_BR", "en-US" → "pt",
 * "en"); undefined for what is no language ("und", "mul", "zxx", "x-default", garbage).
 */
export function normalizeLanguage(tag: string | undefined): string | undefined {
	if (tag === undefined) return undefined;
	const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
	if (!/^[a-z]{2,3}$/.test(primary) || NO_LANGUAGE.has(primary)) return undefined;
	return ISO_639_3[primary] ?? primary;
}

const NO_LANGUAGE = new Set(['und', 'mul', 'zxx', 'mis']);

/** ISO 639-3 (franc's answers, and a few pages' tags) → ISO 639-1, for the languages that have both. */
const ISO_639_3: Readonly<Record<string, string>> = {
	eng: 'en',
	fra: 'fr',
	fre: 'fr',
	por: 'pt',
	spa: 'es',
	deu: 'de',
	ger: 'de',
	ita: 'it',
	nld: 'nl',
	dut: 'nl',
	swe: 'sv',
	dan: 'da',
	nob: 'nb',
	nno: 'nn',
	nor: 'no',
	fin: 'fi',
	ces: 'cs',
	cze: 'cs',
	slk: 'sk',
	pol: 'pl',
	ron: 'ro',
	rum: 'ro',
	hun: 'hu',
	tur: 'tr',
	rus: 'ru',
	ukr: 'uk',
	bel: 'be',
	bul: 'bg',
	srp: 'sr',
	hrv: 'hr',
	bos: 'bs',
	slv: 'sl',
	ell: 'el',
	gre: 'el',
	lit: 'lt',
	lav: 'lv',
	est: 'et',
	ekk: 'et',
	cat: 'ca',
	glg: 'gl',
	eus: 'eu',
	gle: 'ga',
	arb: 'ar',
	ara: 'ar',
	pes: 'fa',
	fas: 'fa',
	heb: 'he',
	hin: 'hi',
	ben: 'bn',
	urd: 'ur',
	tam: 'ta',
	tel: 'te',
	mar: 'mr',
	npi: 'ne',
	nep: 'ne',
	hye: 'hy',
	kat: 'ka',
	azj: 'az',
	aze: 'az',
	uzn: 'uz',
	kaz: 'kk',
	ind: 'id',
	zlm: 'ms',
	msa: 'ms',
	vie: 'vi',
	tha: 'th',
	cmn: 'zh',
	zho: 'zh',
	jpn: 'ja',
	kor: 'ko',
	swh: 'sw',
	swa: 'sw',
	afr: 'af',
	tgl: 'tl',
};

/**
 * Characters of article text detection needs before it is believed: trigram statistics on a
 * headline alone mistake English for Scots or French for Catalan; on a few paragraphs they do not.
 */
export const DETECT_MIN_CHARS = 300;
/** Characters of text detection reads at most: a few paragraphs tell as well as the whole. */
const DETECT_MAX_CHARS = 5_000;

/**
 * The language of an article's text by its trigrams (franc-min, ISO 639-3 mapped to 639-1), or
 * undefined when the text is too short to tell or franc's answer has no two-letter code: such a
 * source is then analyzed as English, as before.
 */
export function detectLanguage(paragraphs: readonly string[]): string | undefined {
	let text = '';
	for (const p of paragraphs) {
		if (text.length >= DETECT_MAX_CHARS) break;
		text += `${p}\n`;
	}
	if (text.trim().length < DETECT_MIN_CHARS) return undefined;
	const code = franc(text.slice(0, DETECT_MAX_CHARS), { minLength: DETECT_MIN_CHARS });
	const language = ISO_639_3[code];
	return language;
}
