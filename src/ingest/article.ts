import { Readability } from '@mozilla/readability';
import { readBlocks, type Block } from './blocks.js';
import { all, COMMENT_NODE, parseDocument, treeShape, type DomDocument, type DomElement, type DomNode } from './dom.js';
import { readPageMetadata, type PageMetadata } from './metadata.js';
import { stop } from './problem.js';
import { bylineDayInText } from './published.js';

/** Page furniture: never the article, whatever Readability scores it. */
const FURNITURE = [
	'script',
	'style',
	'noscript',
	'template',
	'iframe',
	'svg',
	'canvas',
	'form',
	'button',
	'select',
	'textarea',
	'nav',
	'aside',
	'footer',
	'dialog',
	'[role="navigation"]',
	'[role="complementary"]',
	'[role="contentinfo"]',
	'[role="banner"]',
	'[role="dialog"]',
	'[aria-hidden="true"]',
	'[hidden]',
].join(', ');

/** Class or id words of boxes that sit inside articles but are not the article. */
const BOILERPLATE_BOX =
	/(?:^|[\s_-])(?:newsletter|subscribe|subscription|signup|paywall|share|shares|sharing|sharebar|sharedaddy|social|comments?|disqus|related|recommended|promo|advert|advertisement|ads?|sponsored|cookie|consent|gdpr|popup|modal|breadcrumbs?|byline|author-bio|tags|toolbar)(?:$|[\s_-])/i;

const ARTICLE_CONTAINER = 'article, main, [role="main"], [itemprop="articleBody"]';

/** Short lines that are site chrome, should any survive: buttons, calls to subscribe, credits. */
const BOILERPLATE_LINE =
	/^(?:subscribe(?: now| today| here)?|sign (?:up|in)(?: now| today)?|log in|register|share(?: this)?(?: article| story| post| page)?(?: on [\w.]+| via \w+)?|tweet|e-?mail|print|copy link|read more|continue reading|advertisement|sponsored(?: content)?|related(?: articles| stories| posts| content| news)?|more from .{1,40}|(?:\d+ )?comments?|leave a (?:comment|reply)|follow us(?: on .{1,40})?|click here.{0,60}|newsletter|back to top|skip to (?:main )?content|(?:photo|image|picture)(?: credit)?s?:.{0,80}|©.{0,120}|.{0,80}all rights reserved\.?)\W*$/i;
const SUBSCRIBE_PITCH = /\b(?:subscribe (?:now|today)|sign up for (?:our|the) newsletter|in your inbox)\b/i;

/**
 * Past these a page is refused before it is read: Readability's and the cleaning pass's time grows
 * with depth times size (4,000 nested `<div>`s took 71 s), while real articles nest a few dozen
 * deep and hold a few thousand elements (of the 130 pages in Readability's own tests, the deepest
 * nests 38 deep and the largest holds 9,888).
 */
export const MAX_TREE_DEPTH = 256;
export const MAX_ELEMENTS = 60_000;
/**
 * Start tags a page's source may hold before it is parsed at all: linkedom's own time grows faster
 * than the tags when they nest (100,000 unclosed `<b>` took 6.3 s to parse), and counting them is one
 * linear pass. Looser than {@link MAX_ELEMENTS}: tags inside scripts and comments count here too.
 */
export const MAX_START_TAGS = 100_000;

/** The start tags in a page's source, counted up to `limit` (the count stops there). */
function startTags(html: string, limit: number): number {
	const re = /<[a-zA-Z]/g;
	let n = 0;
	while (n <= limit && re.exec(html) !== null) n++;
	return n;
}

/** Below these, what Readability found is no article (a sign-in page, an index, an error page). */
export const MIN_ARTICLE_CHARS = 200;
export const MIN_LONGEST_PARAGRAPH = 60;

/** An article read from a page: its paragraphs, one a line, and what the page says about itself. */
export interface Article {
	readonly paragraphs: readonly string[];
	readonly metadata: PageMetadata;
}

function removeFurniture(document: DomDocument): void {
	for (const el of all(document, FURNITURE)) el.remove();
	for (const el of all(document, 'header')) if (el.closest(ARTICLE_CONTAINER) === null) el.remove();
}

/** The page's main content element: of the article-like containers, the one with the most text. */
function mainContainer(document: DomDocument): DomElement | undefined {
	const chars = (el: DomElement) => (el.textContent ?? '').length;
	return all(document, ARTICLE_CONTAINER).reduce<DomElement | undefined>(
		(best, el) => (best === undefined || chars(el) > chars(best) ? el : best),
		undefined,
	);
}

/**
 * Whether a box named like boilerplate may go: never the page, nor the main content or a box
 * around it; a comments box always (its comments may be <article>s); any other only while it holds
 * less than half the page's text.
 */
function removableBox(el: DomElement, main: DomElement | undefined, pageChars: number): boolean {
	if (['HTML', 'BODY'].includes(el.tagName.toUpperCase())) return false;
	if (main !== undefined && (el === main || el.contains(main))) return false;
	if (/comment|disqus/i.test(`${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`)) return true;
	return (el.textContent ?? '').length < pageChars / 2;
}

function removeBoilerplateBoxes(document: DomDocument): void {
	const pageChars = (document.body?.textContent ?? '').length;
	const main = mainContainer(document);
	for (const el of all(document, '[class], [id]')) {
		const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
		if (BOILERPLATE_BOX.test(names) && removableBox(el, main, pageChars)) el.remove();
	}
}

/** A block that is not chrome: not a button label or a call to subscribe. */
function isNotChrome(block: Block): boolean {
	if (block.text.length <= 160 && BOILERPLATE_LINE.test(block.text)) return false;
	return !(block.text.length <= 200 && SUBSCRIBE_PITCH.test(block.text));
}

/** A block of the page's own body that is prose: not chrome, and not mostly link text (a menu, a list of links). */
const isBodyProse = (block: Block): boolean => block.linkChars < block.text.length * 0.8 && isNotChrome(block);

/** Whether the paragraphs amount to an article. */
function isArticle(paragraphs: readonly string[]): boolean {
	const total = paragraphs.reduce((n, p) => n + p.length, 0);
	return total >= MIN_ARTICLE_CHARS && paragraphs.some((p) => p.length >= MIN_LONGEST_PARAGRAPH);
}

/**
 * Reads an HTML page's article: metadata first (Readability changes the document), then page
 * furniture and boxes named like boilerplate removed, then Readability's pick of the content, read
 * block by block, chrome dropped. Undefined when what is left is no article.
 */
export function extractArticle(html: string, pageUrl: string | undefined): Article | undefined {
	if (startTags(html, MAX_START_TAGS) > MAX_START_TAGS)
		stop('too-complex', `${pageUrl ?? 'the page'} holds more than ${MAX_START_TAGS} tags; it is not read`);
	const document = parseDocument(html);
	const shape = treeShape(document.documentElement);
	if (shape.depth > MAX_TREE_DEPTH || shape.elements > MAX_ELEMENTS)
		stop(
			'too-complex',
			`${pageUrl ?? 'the page'} nests ${shape.depth} elements deep and holds ${shape.elements}; over the limits of ${MAX_TREE_DEPTH} and ${MAX_ELEMENTS}, it is not read`,
		);
	const metadata = readPageMetadata(document, pageUrl);
	const readable = readableContent(document);
	const content = readable === undefined ? fallbackContent(html) : readable;
	if (content === null || content === undefined) return undefined;
	// Readability weighs link density itself when it picks the content, so a paragraph of links it kept
	// (a "Read more" headline, a contributor's line) is the article's as a reader sees it; only the
	// whole body, read when Readability trips, is cleared of link lists here.
	const paragraphs = readBlocks(content)
		.filter(readable === undefined ? isBodyProse : isNotChrome)
		.map((b) => b.text);
	if (!isArticle(paragraphs)) return undefined;
	// Last in the order of trust (see findPublished): a dateline at the top of the text itself.
	const byline = metadata.published === undefined ? bylineDayInText(paragraphs) : undefined;
	return {
		paragraphs,
		metadata: byline === undefined ? metadata : { ...metadata, published: byline, publishedFrom: 'byline' },
	};
}

/**
 * Removes HTML comments: frameworks scatter `<!-- -->` through sentences, and Readability would cut
 * a paragraph at each ("on Page <!-- -->A<!-- -->22" becoming three lines).
 */
function removeComments(document: DomDocument): void {
	const comments: DomNode[] = [];
	const stack: DomNode[] = [document.documentElement];
	while (stack.length > 0) {
		const node = stack.pop()!;
		if (node.nodeType === COMMENT_NODE) comments.push(node);
		else for (let i = 0; i < node.childNodes.length; i++) stack.push(node.childNodes[i]!);
	}
	for (const comment of comments) (comment as DomNode & { remove(): void }).remove();
}

function clean(document: DomDocument): DomDocument {
	removeComments(document);
	removeFurniture(document);
	removeBoilerplateBoxes(document);
	return document;
}

/** Readability's pick of the cleaned page; null when it finds none, undefined when it trips over the tree. */
function readableContent(document: DomDocument): DomElement | null | undefined {
	// The serializer hands back the content element itself, so it is walked, not printed and parsed again.
	const reader = new Readability<DomNode>(clean(document), {
		serializer: (node: DomNode) => node,
		charThreshold: 300,
		maxElemsToParse: MAX_ELEMENTS,
	});
	try {
		return (reader.parse()?.content as DomElement | undefined) ?? null;
	} catch {
		return undefined;
	}
}

/** Readability throws on some malformed trees; the page's own body, cleaned, is read instead. */
function fallbackContent(html: string): DomElement | undefined {
	return clean(parseDocument(html)).body ?? undefined;
}
