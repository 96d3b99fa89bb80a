/**
 * What an IP address is, for the SSRF guard: `public` may be fetched; every other class is refused
 * unless ALLOW_PRIVATE_HOSTS is true. IPv6 forms that carry an IPv4 address (mapped, compatible,
 * NAT64, 6to4) are judged by that address, so `::ffff:127.0.0.1` is loopback.
 */
export type AddressClass =
	| 'public'
	| 'loopback'
	| 'private'
	| 'link-local'
	| 'metadata'
	| 'cgnat'
	| 'unspecified'
	| 'multicast'
	| 'reserved'
	| 'invalid';

type Rule = readonly [base: readonly number[], prefixBits: number, verdict: AddressClass];

const V4_RULES: readonly Rule[] = [
	// Cloud metadata services (AWS, GCP, Azure, OpenStack; ECS task metadata) answer here.
	[[169, 254, 169, 254], 32, 'metadata'],
	[[169, 254, 170, 2], 32, 'metadata'],
	[[0, 0, 0, 0], 8, 'unspecified'],
	[[127, 0, 0, 0], 8, 'loopback'],
	[[10, 0, 0, 0], 8, 'private'],
	[[172, 16, 0, 0], 12, 'private'],
	[[192, 168, 0, 0], 16, 'private'],
	[[100, 64, 0, 0], 10, 'cgnat'],
	[[169, 254, 0, 0], 16, 'link-local'],
	[[192, 0, 0, 0], 24, 'reserved'],
	[[192, 0, 2, 0], 24, 'reserved'],
	[[198, 18, 0, 0], 15, 'reserved'],
	[[198, 51, 100, 0], 24, 'reserved'],
	[[203, 0, 113, 0], 24, 'reserved'],
	[[224, 0, 0, 0], 4, 'multicast'],
	[[240, 0, 0, 0], 4, 'reserved'],
];

// IPv6 rules on 16-bit groups; the forms embedding IPv4 are handled before these.
const V6_RULES: readonly Rule[] = [
	[[0xfd00, 0x0ec2, 0, 0, 0, 0, 0, 0x0254], 128, 'metadata'],
	[[0, 0, 0, 0, 0, 0, 0, 0], 128, 'unspecified'],
	[[0, 0, 0, 0, 0, 0, 0, 1], 128, 'loopback'],
	[[0x0064, 0xff9b, 0x0001, 0, 0, 0, 0, 0], 48, 'private'],
	[[0xfc00, 0, 0, 0, 0, 0, 0, 0], 7, 'private'],
	[[0xfec0, 0, 0, 0, 0, 0, 0, 0], 10, 'private'],
	[[0xfe80, 0, 0, 0, 0, 0, 0, 0], 10, 'link-local'],
	[[0xff00, 0, 0, 0, 0, 0, 0, 0], 8, 'multicast'],
	[[0x2001, 0x0db8, 0, 0, 0, 0, 0, 0], 32, 'reserved'],
	[[0x0100, 0, 0, 0, 0, 0, 0, 0], 64, 'reserved'],
];

/** Whether `parts` (numbers of `width` bits each) start with the first `bits` bits of `base`. */
function matches(parts: readonly number[], base: readonly number[], bits: number, width: number): boolean {
	for (let i = 0; bits > 0; i++, bits -= width) {
		const take = Math.min(width, bits);
		const mask = ((1 << take) - 1) << (width - take);
		if (((parts[i] ?? 0) & mask) !== ((base[i] ?? 0) & mask)) return false;
	}
	return true;
}

const classify = (parts: readonly number[], rules: readonly Rule[], width: number): AddressClass =>
	rules.find(([base, bits]) => matches(parts, base, bits, width))?.[2] ?? 'public';

/** `a.b.c.d` as four bytes; undefined unless it is exactly that. */
function parseIPv4(text: string): number[] | undefined {
	const parts = text.split('.');
	if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return undefined;
	const bytes = parts.map(Number);
	return bytes.every((b) => b <= 255) ? bytes : undefined;
}

/** An IPv6 address (`::` shorthand, a dotted IPv4 tail, a `%zone` allowed) as eight 16-bit groups. */
export function parseIPv6(text: string): number[] | undefined {
	let rest = text.replace(/%.*$/, '');
	const tail: number[] = [];
	const v4 = /:(\d+\.\d+\.\d+\.\d+)$/.exec(rest);
	if (v4 !== null) {
		const bytes = parseIPv4(v4[1]!);
		if (bytes === undefined) return undefined;
		tail.push((bytes[0]! << 8) | bytes[1]!, (bytes[2]! << 8) | bytes[3]!);
		// Keep the colon before the IPv4 part only when it closes a `::`.
		const before = rest.slice(0, v4.index + 1);
		rest = before.endsWith('::') ? before : before.slice(0, -1);
	}
	const halves = rest.split('::');
	if (halves.length > 2) return undefined;
	const group = (s: string) => (s === '' ? [] : s.split(':'));
	const head = group(halves[0]!);
	const after = halves.length === 2 ? group(halves[1]!) : [];
	if (![...head, ...after].every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return undefined;
	const known = head.length + after.length + tail.length;
	if (halves.length === 1 ? known !== 8 : known > 7) return undefined;
	const zeros = new Array<number>(8 - known).fill(0);
	return [...head.map((g) => parseInt(g, 16)), ...zeros, ...after.map((g) => parseInt(g, 16)), ...tail];
}

/** The IPv4 address an IPv6 one stands for (mapped, translated, compatible, NAT64, 6to4), if any. */
function embeddedIPv4(g: readonly number[]): number[] | undefined {
	const bytes = (hi: number, lo: number) => [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff];
	const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
	if (zeroUpTo(5) && g[5] === 0xffff) return bytes(g[6]!, g[7]!);
	if (zeroUpTo(4) && g[4] === 0xffff && g[5] === 0) return bytes(g[6]!, g[7]!);
	if (g[0] === 0x0064 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return bytes(g[6]!, g[7]!);
	if (g[0] === 0x2002) return bytes(g[1]!, g[2]!);
	// IPv4-compatible `::a.b.c.d` (deprecated), but not `::` and `::1` themselves.
	if (zeroUpTo(6) && (g[6] !== 0 || g[7]! > 1)) return bytes(g[6]!, g[7]!);
	return undefined;
}

/** Classifies an IPv4 or IPv6 address as the resolver returns it; anything else is `invalid`. */
export function classifyAddress(address: string): AddressClass {
	const v4 = parseIPv4(address);
	if (v4 !== undefined) return classify(v4, V4_RULES, 8);
	const v6 = parseIPv6(address.replace(/^\[|\]$/g, ''));
	if (v6 === undefined) return 'invalid';
	const inner = embeddedIPv4(v6);
	return inner !== undefined ? classify(inner, V4_RULES, 8) : classify(v6, V6_RULES, 16);
}
