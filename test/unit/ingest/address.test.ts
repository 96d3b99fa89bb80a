import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyAddress, parseIPv6 } from '../../../src/ingest/address.js';

describe('classifyAddress', () => {
	it.each([
		['127.0.0.1', 'loopback'],
		['127.255.1.2', 'loopback'],
		['10.0.0.1', 'private'],
		['172.16.0.1', 'private'],
		['172.31.255.255', 'private'],
		['192.168.1.10', 'private'],
		['169.254.169.254', 'metadata'],
		['169.254.3.4', 'link-local'],
		['100.64.0.1', 'cgnat'],
		['100.127.255.255', 'cgnat'],
		['0.0.0.0', 'unspecified'],
		['0.1.2.3', 'unspecified'],
		['224.0.0.1', 'multicast'],
		['255.255.255.255', 'reserved'],
		['::1', 'loopback'],
		['::', 'unspecified'],
		['fc00::1', 'private'],
		['fd12:3456::1', 'private'],
		['fe80::1%eth0', 'link-local'],
		['febf::1', 'link-local'],
		['fd00:ec2::254', 'metadata'],
		['ff02::1', 'multicast'],
		['::ffff:127.0.0.1', 'loopback'],
		['::ffff:7f00:1', 'loopback'],
		['::ffff:10.1.2.3', 'private'],
		['::ffff:169.254.169.254', 'metadata'],
		['::ffff:0:192.168.0.1', 'private'],
		['::10.0.0.1', 'private'],
		['64:ff9b::a9fe:a9fe', 'metadata'],
		['2002:7f00:1::', 'loopback'],
		['[::1]', 'loopback'],
	])('%s is %s', (address, kind) => {
		expect(classifyAddress(address)).toBe(kind);
	});

	it.each([
		'93.184.216.34',
		'8.8.8.8',
		'172.32.0.1',
		'172.15.255.255',
		'100.128.0.1',
		'192.169.0.1',
		'2606:4700::1111',
		'2a00:1450:4001:82a::200e',
		'::ffff:93.184.216.34',
		'64:ff9b::808:808',
	])('%s is public', (address) => {
		expect(classifyAddress(address)).toBe('public');
	});

	it.each([
		'',
		'localhost',
		'256.1.1.1',
		'1.2.3',
		'1.2.3.4.5',
		'::g',
		'1::2::3',
		'1:2:3:4:5:6:7:8:9',
		'::ffff:300.1.1.1',
	])('%s is invalid', (address) => {
		expect(classifyAddress(address)).toBe('invalid');
	});

	it('reads every IPv4 address embedded in an IPv6 mapped form as that IPv4 address', () => {
		fc.assert(
			fc.property(fc.ipV4(), (v4) => {
				expect(classifyAddress(`::ffff:${v4}`)).toBe(classifyAddress(v4));
			}),
		);
	});

	it('parses IPv6 in full, shortened and with a dotted tail alike', () => {
		fc.assert(
			fc.property(fc.ipV6(), (v6) => {
				const groups = parseIPv6(v6);
				expect(groups).toHaveLength(8);
				for (const g of groups!) expect(g).toBeGreaterThanOrEqual(0);
				for (const g of groups!) expect(g).toBeLessThanOrEqual(0xffff);
			}),
		);
	});
});
