import { parseHTML } from 'linkedom';

/**
 * The few DOM members ingestion uses, typed here because the project compiles without the DOM
 * library (linkedom's and Readability's declarations name `Document` and `Window` from it).
 */
export interface DomNode {
	readonly nodeType: number;
	readonly nodeName: string;
	readonly nodeValue: string | null;
	readonly textContent: string | null;
	readonly childNodes: ArrayLike<DomNode>;
}

export interface DomElement extends DomNode {
	readonly tagName: string;
	getAttribute(name: string): string | null;
	querySelector(selector: string): DomElement | null;
	querySelectorAll(selector: string): ArrayLike<DomElement>;
	closest(selector: string): DomElement | null;
	contains(other: DomNode): boolean;
	remove(): void;
}

export interface DomDocument {
	readonly documentElement: DomElement;
	readonly body: DomElement | null;
	querySelector(selector: string): DomElement | null;
	querySelectorAll(selector: string): ArrayLike<DomElement>;
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const COMMENT_NODE = 8;

/**
 * Parses a whole HTML page (linkedom: no scripts run, nothing fetched). linkedom adds no `<html>`
 * or `<body>` a page leaves out, so such a page is parsed again inside them.
 */
export function parseDocument(html: string): DomDocument {
	const document = linkedomDocument(html);
	// Without an <html>, linkedom takes the first element for the root (a <script>, say, which the
	// cleaning pass then removes, leaving no document at all).
	if (document.documentElement?.tagName.toUpperCase() === 'HTML' && document.body !== null)
		return document as DomDocument;
	const inner = html.replace(/^\s*(?:<!doctype[^>]*>)?/i, '');
	const wrapped = /<(?:head|body)[\s>]/i.test(inner)
		? `<!doctype html><html>${inner}</html>`
		: `<!doctype html><html><head></head><body>${inner}</body></html>`;
	return linkedomDocument(wrapped) as DomDocument;
}

/** A document as linkedom parses it: a page with no `<html>` has no `documentElement`. */
type ParsedDocument = Omit<DomDocument, 'documentElement'> & { readonly documentElement?: DomElement | null };

/** linkedom's document, typed here: linkedom declares `parseHTML` with the DOM library's `Window`, unknown to this project. */
function linkedomDocument(html: string): ParsedDocument {
	return (parseHTML(html) as unknown as { document: ParsedDocument }).document;
}

/** Parses an HTML fragment (a Markdown rendering, say) inside an empty page's body. */
export function parseFragment(html: string): DomElement {
	const document = parseDocument(`<!doctype html><html><head></head><body>${html}</body></html>`);
	return document.body ?? document.documentElement;
}

/** Every element matching `selector`, as an array. */
export const all = (root: DomDocument | DomElement, selector: string): DomElement[] =>
	Array.from(root.querySelectorAll(selector));

/** How deep a tree goes and how many elements it holds, walked without recursion. */
export function treeShape(root: DomNode): { depth: number; elements: number } {
	let depth = 0;
	let elements = 0;
	const stack: [DomNode, number][] = [[root, 1]];
	while (stack.length > 0) {
		const [node, level] = stack.pop()!;
		if (node.nodeType !== ELEMENT_NODE) continue;
		elements++;
		if (level > depth) depth = level;
		for (let i = 0; i < node.childNodes.length; i++) stack.push([node.childNodes[i]!, level + 1]);
	}
	return { depth, elements };
}
