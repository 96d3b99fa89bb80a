import { ELEMENT_NODE, TEXT_NODE, type DomElement, type DomNode } from './dom.js';
import { normalizeSpace } from './text.js';

/** A block of text as a reader sees it: a paragraph, heading, list item or quote, whitespace normalized. */
export interface Block {
	readonly text: string;
	/** How much of the text sits inside links (a block that is all link is navigation, not prose). */
	readonly linkChars: number;
}

/** Elements whose content is never article text. */
const SKIPPED = new Set([
	'SCRIPT',
	'STYLE',
	'NOSCRIPT',
	'TEMPLATE',
	'IFRAME',
	'SVG',
	'CANVAS',
	'BUTTON',
	'SELECT',
	'OPTION',
	'TEXTAREA',
	'INPUT',
	'OBJECT',
	'EMBED',
	'AUDIO',
	'VIDEO',
	'MAP',
	'HEAD',
	'TITLE',
	'META',
	'LINK',
	'DATALIST',
	'MATH',
]);

/** Elements that start and end a block; text between them runs together as one. */
const BLOCKS = new Set([
	'ADDRESS',
	'ARTICLE',
	'ASIDE',
	'BLOCKQUOTE',
	'BODY',
	'CAPTION',
	'DD',
	'DETAILS',
	'DIALOG',
	'DIV',
	'DL',
	'DT',
	'FIELDSET',
	'FIGCAPTION',
	'FIGURE',
	'FOOTER',
	'FORM',
	'H1',
	'H2',
	'H3',
	'H4',
	'H5',
	'H6',
	'HEADER',
	'HGROUP',
	'HTML',
	'LEGEND',
	'LI',
	'MAIN',
	'NAV',
	'OL',
	'P',
	'PRE',
	'SECTION',
	'SUMMARY',
	'TABLE',
	'TBODY',
	'TFOOT',
	'THEAD',
	'TR',
	'UL',
]);

/** Table cells: a row reads as one line, its cells apart. */
const CELLS = new Set(['TD', 'TH']);

interface Frame {
	readonly node: DomNode;
	readonly exit: boolean;
	readonly inLink: boolean;
}

/**
 * The blocks of text under `root`, in reading order. Walks with an explicit stack, so a page nested
 * thousands deep cannot overflow the call stack. `<br>` and `<hr>` end a block too.
 */
export function readBlocks(root: DomElement): Block[] {
	const blocks: Block[] = [];
	let text = '';
	let linkChars = 0;
	const flush = () => {
		const t = normalizeSpace(text);
		if (t !== '') blocks.push({ text: t, linkChars: Math.min(linkChars, t.length) });
		text = '';
		linkChars = 0;
	};
	const stack: Frame[] = [{ node: root, exit: false, inLink: false }];
	while (stack.length > 0) {
		const { node, exit, inLink } = stack.pop()!;
		if (node.nodeType === TEXT_NODE) {
			text += node.nodeValue ?? '';
			if (inLink) linkChars += normalizeSpace(node.nodeValue ?? '').length;
			continue;
		}
		if (node.nodeType !== ELEMENT_NODE) continue;
		const name = node.nodeName.toUpperCase();
		if (SKIPPED.has(name)) continue;
		if (name === 'BR' || name === 'HR' || BLOCKS.has(name)) flush();
		else if (CELLS.has(name)) text += ' ';
		if (exit || name === 'BR' || name === 'HR') continue;
		stack.push({ node, exit: true, inLink });
		const children = node.childNodes;
		for (let i = children.length - 1; i >= 0; i--)
			stack.push({ node: children[i]!, exit: false, inLink: inLink || name === 'A' });
	}
	flush();
	return blocks;
}
