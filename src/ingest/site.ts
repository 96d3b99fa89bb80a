import { getDomain } from 'tldts';
import { parseHttpUrl } from './url.js';

/**
 * The site a host belongs to: its registrable domain by the public suffix list (`news.bbc.co.uk` →
 * `bbc.co.uk`), private suffixes included so that two `*.github.io` pages are two sites. An IP
 * address or a single-label host (`localhost`) is its own site. A page's word about its own address
 * is believed only inside this site: anyone can serve a page that names another site's URL.
 */
export function siteOf(hostname: string): string {
	const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
	return getDomain(host, { allowPrivateDomains: true }) ?? host;
}

/** Whether two http(s) URLs lie on the same site (see {@link siteOf}); false when either is no URL. */
export function sameSite(a: string, b: string): boolean {
	const x = parseHttpUrl(a);
	const y = parseHttpUrl(b);
	return x !== undefined && y !== undefined && siteOf(x.hostname) === siteOf(y.hostname);
}

/** Looks like a host name (`reuters.com`): a publisher that names a site, to be checked as one. */
const HOST_LIKE = /^(?:[a-z0-9-]+\.)+[a-z]{2,}$/i;

/**
 * Whether a publisher's name claims a site other than the page's own: a name written as a host
 * (`reuters.com` on `example.net`). A name in words cannot be checked and is not judged here.
 */
export const claimsOtherSite = (publisher: string, pageUrl: string): boolean =>
	HOST_LIKE.test(publisher.trim()) && !sameSite(`http://${publisher.trim()}/`, pageUrl);
