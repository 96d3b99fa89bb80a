/** One line of a results table: our figure beside the baseline's, and ours ÷ theirs. */
export interface Row {
	readonly figure: string;
	readonly ours: number | string;
	readonly baseline?: number | string | undefined;
	/** Decimals shown for the numbers of this row. Default 3. */
	readonly digits?: number;
}

export interface Section {
	readonly title: string;
	/** What the baseline column holds. */
	readonly baseline: string;
	readonly rows: readonly Row[];
	readonly notes?: readonly string[];
}

const show = (x: number | string | undefined, digits: number): string => {
	if (x === undefined) return '–';
	if (typeof x === 'string') return x;
	if (Number.isNaN(x)) return '–';
	return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
};

/** ours ÷ baseline, when both are numbers and the baseline is not 0. */
export function ratioOf(row: Row): number | undefined {
	if (typeof row.ours !== 'number' || typeof row.baseline !== 'number' || row.baseline === 0 || Number.isNaN(row.ours))
		return undefined;
	return row.ours / row.baseline;
}

/** A section as plain-text columns: figure, ours, baseline, ratio. */
export function formatSection(section: Section): string {
	const header = ['figure', 'ours', section.baseline, 'ratio'];
	const cells = section.rows.map((r) => {
		const ratio = ratioOf(r);
		return [
			r.figure,
			show(r.ours, r.digits ?? 3),
			show(r.baseline, r.digits ?? 3),
			ratio === undefined ? '' : `${ratio.toFixed(2)}×`,
		];
	});
	const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
	const line = (c: readonly string[]) =>
		c
			.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!)))
			.join('  ')
			.trimEnd();
	return [
		`## ${section.title}`,
		line(header),
		widths.map((w) => '-'.repeat(w)).join('  '),
		...cells.map(line),
		...(section.notes ?? []).map((n) => `  * ${n}`),
	].join('\n');
}
