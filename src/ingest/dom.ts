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

/** Parses a whole HTML page (linkedom: no scripts run, nothing fetched). */
export function parseDocument(html: string): DomDocument {
	return parseHTML(html).document as unknown as DomDocument;
}

/** Parses an HTML fragment (a Markdown rendering, say) inside an empty page's body. */
export function parseFragment(html: string): DomElement {
	const document = parseDocument(`<!doctype html><html><head></head><body>${html}</body></html>`);
	return document.body ?? document.documentElement;
}

/** Every element matching `selector`, as an array. */
export const all = (root: DomDocument | DomElement, selector: string): DomElement[] => Array.from(root.querySelectorAll(selector));
