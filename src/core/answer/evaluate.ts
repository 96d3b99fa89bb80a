import { z } from 'zod';
import type { Answer } from './answer.js';
import type { Corpus } from '../corpus.js';

/** One line of an eval file (`../shared/eval/dev.jsonl`). */
export const EvalItemSchema = z.object({
	id: z.string(),
	q: z.string(),
	gold: z.array(z.string()).default([]),
	abstain: z.boolean().optional(),
});
export type EvalItem = z.infer<typeof EvalItemSchema>;

/** The metrics of `../shared/eval/README.md`, each a share in [0, 1] (NaN when nothing to count). */
export interface EvalMetrics {
	readonly quoteAt1: number;
	readonly quoteAt3: number;
	readonly passageAt1: number;
	readonly abstain: number;
	readonly falseAbstain: number;
	readonly integrity: number;
	readonly answerable: number;
	readonly unanswerable: number;
}

/** A question the system got wrong, and how. */
export interface EvalMiss {
	readonly id: string;
	readonly question: string;
	readonly kind: 'quote@1' | 'quote@3' | 'passage@1' | 'missed abstention' | 'false abstention' | 'integrity';
	/** What was shown first, if anything. */
	readonly shown?: string;
}

const share = (n: number, d: number): number => (d === 0 ? Number.NaN : n / d);

/** A result's passage is that paragraph of that source, byte for byte, and its quote lies inside. */
export function isIntact(corpus: Corpus, r: Answer['results'][number]): boolean {
	const p = corpus.paragraphsOf.get(r.source.id)?.[r.paragraph];
	return p !== undefined && p.text === r.passage && r.passage.includes(r.quote) && r.quote.length > 0;
}

/** Scores answers against eval items (paired by position) and lists the misses. */
export function evaluate(corpus: Corpus, items: readonly EvalItem[], answers: readonly Answer[]) {
	let q1 = 0,
		q3 = 0,
		p1 = 0,
		abst = 0,
		falseAbst = 0,
		intact = 0,
		results = 0,
		answerable = 0,
		unanswerable = 0;
	const misses: EvalMiss[] = [];
	items.forEach((item, i) => {
		const a = answers[i]!;
		for (const r of a.results) {
			results++;
			if (isIntact(corpus, r)) intact++;
			else misses.push({ id: item.id, question: item.q, kind: 'integrity', shown: r.quote });
		}
		const first = a.results[0];
		if (item.abstain === true) {
			unanswerable++;
			if (!a.answered) abst++;
			else misses.push({ id: item.id, question: item.q, kind: 'missed abstention', shown: first?.quote ?? '' });
			return;
		}
		answerable++;
		const has = (text: string | undefined) => text !== undefined && item.gold.some((g) => text.includes(g));
		if (!a.answered) {
			falseAbst++;
			misses.push({ id: item.id, question: item.q, kind: 'false abstention' });
			return;
		}
		if (has(first?.quote)) q1++;
		if (a.results.slice(0, 3).some((r) => has(r.quote))) q3++;
		else misses.push({ id: item.id, question: item.q, kind: 'quote@3', shown: first?.quote ?? '' });
		if (has(first?.passage)) p1++;
		if (!has(first?.quote) && a.results.slice(0, 3).some((r) => has(r.quote)))
			misses.push({ id: item.id, question: item.q, kind: 'quote@1', shown: first?.quote ?? '' });
	});
	const metrics: EvalMetrics = {
		quoteAt1: share(q1, answerable),
		quoteAt3: share(q3, answerable),
		passageAt1: share(p1, answerable),
		abstain: share(abst, unanswerable),
		falseAbstain: share(falseAbst, answerable),
		integrity: share(intact, results),
		answerable,
		unanswerable,
	};
	return { metrics, misses };
}
