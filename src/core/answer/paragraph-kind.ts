/** Kinds of paragraph that name things but state nothing: footnote references and headings. */

const REFERENCE = /^\s*\[\d+\]|https?:\/\//;
const HEADING = /^[^.!?]{1,90}$/;

/** A footnote reference: "[12] “Title,” Publisher, date, https://…". */
export function isReference(text: string): boolean {
	return REFERENCE.test(text);
}

/** A heading: a short line that does not end a sentence. */
export function isHeading(text: string): boolean {
	const t = text.trim();
	return (
		(HEADING.test(t) && !/[.!”"]\s*$/.test(t)) ||
		(t.length <= 60 && /\?$/.test(t) && !/\s(?:is|are|was|were|do|does|did|can|will|would|should)\s/i.test(t))
	);
}

/** A paragraph that names things but states nothing: a footnote reference or a heading. */
export function isCitationLike(text: string): boolean {
	return isReference(text) || isHeading(text);
}
