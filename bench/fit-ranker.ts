/**
 * Fits the ranker's weights and the abstention model on the eval sets, validates them across corpora
 * (each question scored by weights fitted without its article or its set), and writes
 * src/core/answer/rank-model.ts. `npm run fit` (after `npm run build`); `--dry` prints without writing.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	ABSTAIN_FEATURES,
	abstainFeatures,
	answerProbability,
	type AbstainFeature,
} from '../src/core/answer/abstain.js';
import { candidatePool, rankCandidates } from '../src/core/answer/answer.js';
import { FEATURES, FEATURE_COUNT, type Candidate } from '../src/core/answer/features.js';
import { buildQuery, type Query } from '../src/core/answer/query.js';
import { sampleWindows } from './exact-windows.js';
import { loadEvalSets, ROOT } from './eval-sets.js';

/** One question, its candidates and what is right among them. */
interface Sample {
	readonly set: string;
	/** Questions of one group are held out together: an article of fresh-dev, or a set of the default corpus. */
	readonly group: string;
	readonly query: Query;
	readonly answerable: boolean;
	readonly candidates: readonly Candidate[];
	/** The candidate's quote holds a gold string. */
	readonly good: readonly boolean[];
	/** The candidate's paragraph holds a gold string. */
	readonly goodPassage: readonly boolean[];
}

async function samples(): Promise<Sample[]> {
	const out: Sample[] = [];
	for (const set of await loadEvalSets()) {
		for (const item of set.items) {
			const query = buildQuery(set.corpus.index, item.q);
			const candidates = candidatePool(set.corpus, query).flat();
			const texts = candidates.map((c) => set.corpus.paragraphs[c.id]!.text);
			const has = (t: string) => item.gold.some((g) => t.includes(g));
			out.push({
				set: set.name,
				group: set.corpusName === 'fresh' ? `fresh:${item.source ?? item.id}` : set.name,
				query,
				answerable: item.abstain !== true,
				candidates,
				good: candidates.map((c, i) => has(texts[i]!.slice(c.start, c.end))),
				goodPassage: texts.map(has),
			});
		}
		// Pasted windows of 3–8 words: the source paragraph's sentence is the answer (seed other than the bench's).
		if (set.name === 'dev' || set.name === 'fresh-dev') {
			for (const w of sampleWindows(set.corpus, 100, 7, set.own)) {
				const query = buildQuery(set.corpus.index, w.q);
				const candidates = candidatePool(set.corpus, query).flat();
				const source = set.corpus.paragraphs[w.paragraph]!.text;
				const words = w.q.split(' ');
				const head = words.slice(0, Math.ceil(words.length / 2)).join(' ');
				const texts = candidates.map((c) => set.corpus.paragraphs[c.id]!.text);
				out.push({
					set: 'windows',
					group: `windows:${set.corpusName}`,
					query,
					answerable: true,
					candidates,
					good: candidates.map((c, i) => texts[i] === source && texts[i].slice(c.start, c.end).includes(head)),
					goodPassage: texts.map((t) => t === source),
				});
			}
		}
	}
	return out;
}

/** A question's candidates as one row-major matrix, for fast fitting. */
const matrices = new WeakMap<Sample, Float64Array>();
function matrixOf(s: Sample): Float64Array {
	let x = matrices.get(s);
	if (x === undefined) {
		x = new Float64Array(s.candidates.length * FEATURE_COUNT);
		s.candidates.forEach((c, i) => x!.set(c.features, i * FEATURE_COUNT));
		matrices.set(s, x);
	}
	return x;
}

/** Listwise softmax loss over each answerable question's candidates, L2-regularized; Adam. */
function fitRanker(train: readonly Sample[], l2 = 0.003, steps = 300, rate = 0.05): number[] {
	const d = FEATURE_COUNT;
	const w = new Float64Array(d);
	const m = new Float64Array(d);
	const v = new Float64Array(d);
	const usable = train.filter((s) => s.answerable && s.good.some(Boolean));
	for (let step = 1; step <= steps; step++) {
		const grad = new Float64Array(d);
		for (const s of usable) {
			const x = matrixOf(s);
			const n = s.candidates.length;
			const scores = new Float64Array(n);
			let max = -Infinity;
			for (let i = 0; i < n; i++) {
				let z = 0;
				for (let k = 0; k < d; k++) z += x[i * d + k]! * w[k]!;
				scores[i] = z;
				if (z > max) max = z;
			}
			let z = 0;
			let zPos = 0;
			for (let i = 0; i < n; i++) {
				scores[i] = Math.exp(scores[i]! - max);
				z += scores[i]!;
				if (s.good[i]) zPos += scores[i]!;
			}
			for (let i = 0; i < n; i++) {
				const g = scores[i]! / z - (s.good[i] ? scores[i]! / zPos : 0);
				if (g === 0) continue;
				for (let k = 0; k < d; k++) grad[k]! += g * x[i * d + k]!;
			}
		}
		for (let k = 0; k < d; k++) {
			const g = grad[k]! / usable.length + l2 * w[k]!;
			m[k] = 0.9 * m[k]! + 0.1 * g;
			v[k] = 0.999 * v[k]! + 0.001 * g * g;
			w[k]! -= (rate * (m[k]! / (1 - 0.9 ** step))) / (Math.sqrt(v[k]! / (1 - 0.999 ** step)) + 1e-8);
		}
	}
	return [...w];
}

interface Ranking {
	readonly order: ReadonlyArray<{ readonly i: number; readonly score: number }>;
}

/** Paragraphs ordered by their best candidate's score, each with that candidate's index. */
/** Paragraphs ordered as answer() orders them (its rankCandidates), each with its best candidate's index. */
function rank(s: Sample, w: readonly number[]): Ranking {
	const index = new Map(s.candidates.map((c, i) => [c, i]));
	return { order: rankCandidates(s.candidates, w).map((r) => ({ i: index.get(r.best)!, score: r.score })) };
}

function abstainRow(s: Sample, r: Ranking): Record<AbstainFeature, number> | undefined {
	const top = r.order[0];
	if (top === undefined) return undefined;
	return abstainFeatures(s.query, s.candidates[top.i]!, top.score, r.order[1]?.score);
}

/** Logistic regression on question-level rows (answerable = 1), features standardized, L2-regularized, classes balanced. */
function fitAbstain(
	rows: ReadonlyArray<{ x: Record<AbstainFeature, number>; y: boolean }>,
	l2 = 0.01,
	steps = 3000,
	rate = 0.3,
) {
	const mean = {} as Record<AbstainFeature, number>;
	const sd = {} as Record<AbstainFeature, number>;
	for (const f of ABSTAIN_FEATURES) {
		mean[f] = rows.reduce((a, r) => a + r.x[f], 0) / rows.length;
		sd[f] = Math.sqrt(rows.reduce((a, r) => a + (r.x[f] - mean[f]) ** 2, 0) / rows.length) || 1;
	}
	const z = rows.map((r) => ({ y: r.y, x: ABSTAIN_FEATURES.map((f) => (r.x[f] - mean[f]) / sd[f]) }));
	const w = new Array<number>(ABSTAIN_FEATURES.length).fill(0);
	let bias = 0;
	const pos = rows.filter((r) => r.y).length;
	const neg = rows.length - pos;
	for (let step = 0; step < steps; step++) {
		const g = new Array<number>(w.length).fill(0);
		let gb = 0;
		for (const r of z) {
			let s = bias;
			for (let k = 0; k < w.length; k++) s += w[k]! * r.x[k]!;
			const p = 1 / (1 + Math.exp(-s));
			const d = (r.y ? rows.length / (2 * pos) : rows.length / (2 * neg)) * (p - (r.y ? 1 : 0));
			gb += d;
			for (let k = 0; k < w.length; k++) g[k]! += d * r.x[k]!;
		}
		bias -= (rate * gb) / rows.length;
		for (let k = 0; k < w.length; k++) w[k]! -= rate * (g[k]! / rows.length + l2 * w[k]!);
	}
	// Back to the raw features' scale, so the core applies the weights to what it computes.
	const weights = {} as Record<AbstainFeature, number>;
	let rawBias = bias;
	ABSTAIN_FEATURES.forEach((f, k) => {
		weights[f] = w[k]! / sd[f];
		rawBias -= (w[k]! * mean[f]) / sd[f];
	});
	return { bias: rawBias, weights };
}

const probability = (m: { bias: number; weights: Record<AbstainFeature, number> }, x: Record<AbstainFeature, number>) =>
	answerProbability(x, { ...m, threshold: 0 });

/**
 * What a false abstention costs beside a missed one, in rates: a refused answerable question loses
 * the answer and the trust in the bot's "the sources don't say" alike, and every eval set has three
 * to four answerable questions for each unanswerable one.
 */
const FALSE_ABSTAIN_COST = Number(process.env.FALSE_ABSTAIN_COST ?? 3);

/** The threshold that minimizes the cost of false abstentions and missed ones over `rows` (see FALSE_ABSTAIN_COST). */
function chooseThreshold(rows: ReadonlyArray<{ p: number; y: boolean }>): number {
	const pos = rows.filter((r) => r.y).length;
	const neg = rows.length - pos;
	let best = { t: 0.5, cost: Infinity };
	for (let t = 0.05; t <= 0.95; t += 0.01) {
		const fa = rows.filter((r) => r.y && r.p < t).length / Math.max(1, pos);
		const miss = rows.filter((r) => !r.y && r.p >= t).length / Math.max(1, neg);
		const cost = FALSE_ABSTAIN_COST * fa + miss;
		if (cost < best.cost - 1e-9) best = { t, cost };
	}
	return Math.round(best.t * 100) / 100;
}

interface Figures {
	q1: number;
	q3: number;
	p1: number;
	abstain: number;
	falseAbstain: number;
	n: number;
	u: number;
}

function figures(rows: ReadonlyArray<{ s: Sample; r: Ranking; answered: boolean }>): Figures {
	let q1 = 0,
		q3 = 0,
		p1 = 0,
		ab = 0,
		fa = 0,
		n = 0,
		u = 0;
	for (const { s, r, answered } of rows) {
		if (!s.answerable) {
			u++;
			if (!answered) ab++;
			continue;
		}
		n++;
		if (!answered) fa++;
		const top = r.order.slice(0, 3);
		if (top[0] !== undefined && s.good[top[0].i]) q1++;
		if (top.some((t) => s.good[t.i])) q3++;
		if (top[0] !== undefined && s.goodPassage[top[0].i]) p1++;
	}
	return { q1: q1 / n, q3: q3 / n, p1: p1 / n, abstain: ab / u, falseAbstain: fa / n, n, u };
}

function printTable(title: string, rows: ReadonlyArray<{ s: Sample; r: Ranking; answered: boolean }>): void {
	console.log(
		`\n${title} (quote and passage figures as if nothing were abstained on)\n| set | quote@1 | quote@3 | passage@1 | abstain | false abstain |\n| --- | --- | --- | --- | --- | --- |`,
	);
	const sets = [...new Set(rows.map((x) => x.s.set))];
	for (const set of sets) {
		const f = figures(rows.filter((x) => x.s.set === set));
		console.log(
			`| ${set} | ${f.q1.toFixed(3)} | ${f.q3.toFixed(3)} | ${f.p1.toFixed(3)} | ${f.abstain.toFixed(3)} | ${f.falseAbstain.toFixed(3)} |`,
		);
	}
}

/** Folds: fresh-dev's articles in groups of three, and each set of the default corpus on its own. */
function folds(all: readonly Sample[]): string[][] {
	const fresh = [...new Set(all.map((s) => s.group).filter((g) => g.startsWith('fresh:')))].sort();
	const other = [...new Set(all.map((s) => s.group).filter((g) => !g.startsWith('fresh:')))];
	const out: string[][] = other.map((g) => [g]);
	for (let i = 0; i < fresh.length; i += 3) out.push(fresh.slice(i, i + 3));
	return out;
}

function fitAll(train: readonly Sample[]) {
	const w = fitRanker(train);
	// Pasted windows are answered by the verbatim rule, not the model: they would only teach it that everything answers.
	const rows = train
		.filter((s) => s.set !== 'windows')
		.flatMap((s) => {
			const x = abstainRow(s, rank(s, w));
			return x === undefined ? [] : [{ x, y: s.answerable }];
		});
	const abstain = fitAbstain(rows);
	const threshold = chooseThreshold(rows.map((r) => ({ p: probability(abstain, r.x), y: r.y })));
	return { w, abstain, threshold };
}

function decide(s: Sample, r: Ranking, m: ReturnType<typeof fitAll>): boolean {
	const top = r.order[0];
	if (top !== undefined && s.candidates[top.i]!.features[FEATURES.indexOf('verbatim')] === 1) return true;
	const x = abstainRow(s, r);
	return x !== undefined && probability(m.abstain, x) >= m.threshold;
}

const t0 = performance.now();
const all = await samples();
console.log(`samples in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const recall = (k: number) =>
	all.filter(
		(s) =>
			s.answerable &&
			rank(
				s,
				new Array<number>(FEATURE_COUNT).fill(0).map((_, i) => (FEATURES[i] === 'bm25' ? 1 : 0)),
			)
				.order.slice(0, k)
				.some((o) => s.candidates.some((c, i) => c.id === s.candidates[o.i]!.id && s.good[i])),
	).length / all.filter((s) => s.answerable).length;
console.log(
	`questions ${all.length}; a right quote among the candidates: ${(all.filter((s) => s.answerable && s.good.some(Boolean)).length / all.filter((s) => s.answerable).length).toFixed(3)}; in the first pass's top 10 paragraphs: ${recall(10).toFixed(3)}`,
);

// Cross-validation: every question scored by a model fitted without its fold.
const cv: Array<{ s: Sample; r: Ranking; answered: boolean; p?: number }> = [];
for (const fold of folds(all)) {
	const held = all.filter((s) => fold.includes(s.group));
	const m = fitAll(all.filter((s) => !fold.includes(s.group)));
	for (const s of held) {
		const r = rank(s, m.w);
		const x = abstainRow(s, r);
		cv.push({ s, r, answered: decide(s, r, m), ...(x === undefined ? {} : { p: probability(m.abstain, x) }) });
	}
}
printTable('held out (each fold fitted on the others)', cv);
for (const set of [...new Set(cv.map((c) => c.s.set))]) {
	const rows = cv.filter((c) => c.s.set === set && c.p !== undefined);
	const pos = rows.filter((r) => r.s.answerable).map((r) => r.p!);
	const neg = rows.filter((r) => !r.s.answerable).map((r) => r.p!);
	let wins = 0;
	for (const a of pos) for (const b of neg) wins += a > b ? 1 : a === b ? 0.5 : 0;
	console.log(
		`${set}: answerability AUC ${(wins / Math.max(1, pos.length * neg.length)).toFixed(3)} (${pos.length} answerable, ${neg.length} not)`,
	);
}

const model = fitAll(all);
printTable(
	'fitted on all (in-sample)',
	all.map((s) => ({ s, r: rank(s, model.w), answered: decide(s, rank(s, model.w), model) })),
);
const round = (x: number) => Math.round(x * 1000) / 1000;
console.log('\nweights', Object.fromEntries(FEATURES.map((f, i) => [f, round(model.w[i]!)])));
console.log('abstain', {
	bias: round(model.abstain.bias),
	weights: Object.fromEntries(ABSTAIN_FEATURES.map((f) => [f, round(model.abstain.weights[f])])),
	threshold: model.threshold,
});

if (!process.argv.includes('--dry')) {
	const rankLines = FEATURES.map((f, i) => `\t\t${f}: ${round(model.w[i]!)},`).join('\n');
	const abstainLines = ABSTAIN_FEATURES.map((f) => `${f}: ${round(model.abstain.weights[f])}`).join(', ');
	const file = `/**
 * The ranker's and the abstention rule's weights: data, written by \`npm run fit\` (bench/fit-ranker.ts)
 * from the eval sets, never edited by hand. See the README's "Ranking" section for how they were fitted
 * and validated.
 */
export const RANK_MODEL = {
	/** Candidate quote features (features.ts) → weight of the linear ranking score. */
	rank: {
${rankLines}
	},
	/** Answerability: a logistic model over the best candidate's features (abstain.ts); answer when p ≥ threshold. */
	abstain: {
		bias: ${round(model.abstain.bias)},
		weights: { ${abstainLines} },
		threshold: ${model.threshold},
	},
} as const;
`;
	writeFileSync(join(ROOT, 'src', 'core', 'rank-model.ts'), file);
	console.log('\nwrote src/core/answer/rank-model.ts');
}

if (process.argv.includes('--diagnose')) {
	// Over the cross-validated misses: the right candidate's features minus the one ranked first.
	const diff = new Float64Array(FEATURE_COUNT);
	let n = 0;
	for (const { s, r } of cv) {
		if (!s.answerable || s.set !== 'fresh-dev') continue;
		const top = r.order[0];
		if (top === undefined || s.good[top.i]) continue;
		const right = r.order.find((o) => s.good[o.i]);
		if (right === undefined) continue;
		n++;
		for (let k = 0; k < FEATURE_COUNT; k++)
			diff[k]! += s.candidates[right.i]!.features[k]! - s.candidates[top.i]!.features[k]!;
	}
	console.log(`\nfresh-dev misses with the right quote ranked (${n}): mean feature of the right one minus the first`);
	FEATURES.forEach((f, k) => console.log(`  ${f.padEnd(12)} ${(diff[k]! / Math.max(1, n)).toFixed(3)}`));
}
