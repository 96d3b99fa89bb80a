/** Query parameters that only track where a reader came from; they do not change the article. */
const TRACKING_PARAM = /^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|ocid|cmpid|ref_src|_ga)$/i;

/** `text` as an absolute http(s) URL, or undefined. */
export function parseHttpUrl(text: string, base?: string): URL | undefined {
	try {
		const url = base === undefined ? new URL(text.trim()) : new URL(text.trim(), base);
		return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
	} catch {
		return undefined;
	}
}

/**
 * What makes two URLs the same article for "already in the catalog": the host (lowercase, no `www.`,
 * no default port), the path without a trailing slash, and the query without tracking parameters,
 * sorted. Scheme and fragment never count. Undefined for anything but http(s).
 */
export function urlKey(text: string): string | undefined {
	const url = parseHttpUrl(text);
	if (url === undefined) return undefined;
	const params = [...url.searchParams].filter(([k]) => !TRACKING_PARAM.test(k)).sort(([a], [b]) => a.localeCompare(b));
	const query = new URLSearchParams(params).toString();
	const host = url.host.replace(/^www\./, '');
	const path = url.pathname.replace(/\/+$/, '');
	return `${host}${path}${query === '' ? '' : `?${query}`}`;
}

/** The URL without its fragment and tracking parameters, as it is stored. */
export function cleanUrl(url: URL): string {
	const copy = new URL(url.href);
	copy.hash = '';
	for (const key of [...copy.searchParams.keys()]) if (TRACKING_PARAM.test(key)) copy.searchParams.delete(key);
	return copy.href;
}
