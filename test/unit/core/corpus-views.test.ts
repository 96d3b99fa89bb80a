import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answer, type Answer } from '../../../src/core/answer/answer.js';
import { readableLibraries, type Source } from '../../../src/core/catalog.js';
import {
	createCorpus,
	extendCorpus,
	removeFromCorpus,
	REMOVED,
	viewOf,
	visible,
	type Corpus,
	type SourceText,
} from '../../../src/core/corpus.js';
import {
	compareEvents,
	extendTimeline,
	shrinkTimeline,
	timelineEvents,
	type TimelineEvent,
} from '../../../src/core/dates/timeline.js';
import { ENGINE_NAMES, type EngineName } from '../../../src/core/search/engine.js';
import { BM25, paragraphsWithAll, searchIndex } from '../../../src/core/search/search-index.js';

/**
 * One index for every library, read through views: what a view answers, searches and lists is its
 * libraries' alone (with the whole index's BM25 statistics, so a view's scores are not those of a
 * corpus of its sources alone, and that is not checked); removal and re-adding keep every search and
 * the timeline to the texts that are there.
 */

const LIBRARIES = ['shared', 'guild:11111', 'guild:22222', 'guild:33333'] as const;
const GUILDS = LIBRARIES.slice(1);

function source(id: string, library: string, published = '2024-06-01'): Source {
	return {
		id,
		file: `${id}.txt`,
		title: `Report ${id}`,
		publisher: 'Harbour Post',
		url: `https://harbour.example/${id}`,
		published,
		authors: [],
		library,
	};
}

/** Sentences sharing words (so a question matches several libraries), some dated alike (so events merge). */
const SENTENCE = fc.constantFrom(
	'The foreign ministers of Armenia and Azerbaijan met in Almaty on 10 May 2024.',
	'Foreign ministers of Armenia and Azerbaijan met in Almaty on 10 May 2024 for talks.',
	'The ministers of Armenia and Azerbaijan met again in Almaty on 10 May 2024 for more talks.',
	'Prices rose on 10 May 2024.',
	'The ferry left the harbour at dawn.',
	'A storm closed the harbour for three days.',
	'The captain signed for the cargo on the quay.',
	'The border between the two countries opened in 2020.',
	'In 2020, a war broke out over the mountains.',
	'Fishermen mended their nets on the quay.',
	'Nothing was dated here.',
);
const PARAGRAPH = fc.array(SENTENCE, { minLength: 1, maxLength: 2 }).map((s) => s.join(' '));
const BODY = fc.array(PARAGRAPH, { minLength: 1, maxLength: 3 }).map((p) => p.join('\n'));
const ENTRY = fc.record({
	library: fc.constantFrom(...LIBRARIES),
	body: BODY,
	published: fc.constantFrom('2024-05-13', '2024-06-01', '2025-01-10'),
});
/** Sources s0, s1, … spread over the libraries. */
const TEXTS = fc
	.array(ENTRY, { minLength: 2, maxLength: 8 })
	.map((es): SourceText[] => es.map((e, i) => ({ source: source(`s${i}`, e.library, e.published), text: e.body })));

/** Questions drawn from the texts: a whole paragraph, one sentence of it, or its first words. */
function questionsOf(texts: readonly SourceText[], picks: readonly number[]): string[] {
	const paragraphs = texts.flatMap((t) => t.text.split('\n'));
	return picks.map((pick, i) => {
		const p = paragraphs[pick % paragraphs.length]!;
		if (i % 3 === 0) return p;
		if (i % 3 === 1) return p.split(/(?<=\.) /)[0]!;
		return p.split(' ').slice(0, 4).join(' ');
	});
}
const PICKS = fc.array(fc.nat(), { minLength: 1, maxLength: 4 });

/** Every result is a paragraph of a source the corpus lists (a view: of its libraries), quoted as it is now. */
function expectOwnResults(corpus: Corpus, a: Answer) {
	for (const r of a.results) {
		const s = corpus.byId.get(r.source.id);
		expect(s, `${a.question} → ${r.source.id}`).toBeDefined();
		expect(s!.library).toBe(r.source.library);
		if (corpus.libraries !== undefined) expect(corpus.libraries).toContain(r.source.library);
		expect(corpus.paragraphsOf.get(r.source.id)?.[r.paragraph]?.text).toBe(r.passage);
		expect(r.passage.includes(r.quote)).toBe(true);
	}
}

/** Every event of the timeline, lead or `also`, is told by a source the corpus lists, in the very sentence of its paragraph. */
function expectOwnEvents(corpus: Corpus, events: readonly TimelineEvent[]) {
	for (const e of events)
		for (const c of [e, ...e.also]) {
			const s = corpus.byId.get(c.source.id);
			expect(s, `${c.source.id} in ${corpus.libraries?.join(',') ?? 'the whole'}`).toBeDefined();
			expect(s!.library).toBe(c.source.library);
			expect(corpus.paragraphsOf.get(c.source.id)?.[c.paragraph]?.text.includes(c.text)).toBe(true);
		}
}

/** Newest first, then day, month, year, then source id and paragraph ({@link compareEvents}). */
function expectTimelineOrder(events: readonly TimelineEvent[]) {
	events.forEach((e, i) => {
		if (i > 0) expect(compareEvents(events[i - 1]!, e), `${e.date} ${e.source.id}`).toBeLessThanOrEqual(0);
	});
}

/** The events of a timeline one by one, merged or not: what each source tells, and when. */
const tellings = (events: readonly TimelineEvent[]) =>
	events
		.flatMap((e) => [e, ...e.also].map((c) => `${e.date}|${e.precision}|${c.source.id}|${c.paragraph}|${c.text}`))
		.sort();

/** Every paragraph of the whole: ids a search may return of this corpus, and ids it may not. */
const ids = (corpus: Corpus) => corpus.paragraphs.map((_, id) => id);

describe.each(ENGINE_NAMES)('views of one index (%s engine)', (engine: EngineName) => {
	it('answers a reader of a library only from that library and the shared one (property)', () => {
		fc.assert(
			fc.property(TEXTS, PICKS, fc.constantFrom(...LIBRARIES), (texts, picks, library) => {
				const whole = createCorpus(texts, { engine });
				const view = viewOf(whole, readableLibraries(library));
				expect(view.libraries).toEqual([...new Set(readableLibraries(library))].sort());
				expect(view.sources.every((s) => view.libraries!.includes(s.library))).toBe(true);
				for (const q of questionsOf(texts, picks)) {
					const a = answer(view, q);
					expectOwnResults(view, a);
					expect(answer(view, q, { memo: false })).toEqual(a);
				}
			}),
			{ numRuns: 40 },
		);
	});

	it('never quotes one server’s paragraph to another, even asked word for word (property)', () => {
		fc.assert(
			fc.property(TEXTS, fc.constantFrom(...GUILDS), fc.constantFrom(...GUILDS), (texts, owner, reader) => {
				fc.pre(owner !== reader);
				// A paragraph only the owner has: no other source holds these words.
				const secret = 'The walrus ledger of Vardenis recorded eleven lanterns on 3 March 2024.';
				const all = [...texts, { source: source('secret', owner), text: secret }];
				const whole = createCorpus(all, { engine });
				const view = viewOf(whole, readableLibraries(reader));
				for (const q of [secret, 'walrus ledger of Vardenis', '"eleven lanterns"']) {
					const a = answer(view, q);
					expectOwnResults(view, a);
					expect(a.results.some((r) => r.passage === secret)).toBe(false);
				}
				// Its owner is answered with it.
				expect(answer(viewOf(whole, readableLibraries(owner)), secret).results[0]?.passage).toBe(secret);
				expectOwnEvents(view, timelineEvents(view));
				expect(timelineEvents(view).some((e) => e.text.includes('walrus'))).toBe(false);
			}),
			{ numRuns: 30 },
		);
	});

	it('keeps no answer of one view for another: the same question asked of A then B is B’s (property)', () => {
		fc.assert(
			fc.property(TEXTS, PICKS, fc.constantFrom(...GUILDS), fc.constantFrom(...GUILDS), (texts, picks, x, y) => {
				fc.pre(x !== y);
				const whole = createCorpus(texts, { engine });
				const a = viewOf(whole, readableLibraries(x));
				const b = viewOf(whole, readableLibraries(y));
				expect(a).not.toBe(b);
				// Views are made once per whole and set of libraries, whatever the order named.
				expect(viewOf(whole, [...readableLibraries(x)].reverse())).toBe(a);
				expect(viewOf(a, readableLibraries(y))).toBe(b);
				for (const q of questionsOf(texts, picks)) {
					const fromWhole = answer(whole, q);
					const fromA = answer(a, q);
					const fromB = answer(b, q);
					expectOwnResults(a, fromA);
					expectOwnResults(b, fromB);
					expectOwnResults(whole, fromWhole);
					expect(fromB).toEqual(answer(b, q, { memo: false }));
					expect(fromA).toEqual(answer(a, q, { memo: false }));
				}
			}),
			{ numRuns: 30 },
		);
	});

	it('searches a view with the whole index’s statistics, its refused paragraphs struck out (property)', () => {
		fc.assert(
			fc.property(TEXTS, fc.constantFrom(...LIBRARIES), (texts, library) => {
				const whole = createCorpus(texts, { engine });
				const view = viewOf(whole, readableLibraries(library));
				const weights = new Map([...whole.index.vocabulary.keys()].map((t) => [t, 1]));
				const n = whole.paragraphs.length;
				const everything = searchIndex(whole.index, weights, n, BM25);
				expect(searchIndex(view.index, weights, n, BM25, view.filter)).toEqual(
					everything.filter((h) => visible(view, h.id)),
				);
				for (const term of ['harbour', 'armenia', 'quay'].map((w) => whole.index.analyzer.terms(w)[0]!)) {
					const all = paragraphsWithAll(whole.index, [term], n);
					expect(paragraphsWithAll(view.index, [term], n, view.filter)).toEqual(all.filter((id) => visible(view, id)));
				}
				expect(ids(view).filter((id) => visible(view, id))).toEqual(
					ids(view).filter((id) => view.libraries!.includes(view.paragraphs[id]!.source.library)),
				);
			}),
			{ numRuns: 40 },
		);
	});

	it('lists in a view’s timeline only its sources’ events, lead or second teller, and loses none of them (property)', () => {
		fc.assert(
			fc.property(TEXTS, (texts) => {
				const whole = createCorpus(texts, { engine });
				const all = timelineEvents(whole);
				for (const library of LIBRARIES) {
					const view = viewOf(whole, readableLibraries(library));
					const events = timelineEvents(view);
					expectOwnEvents(view, events);
					expectTimelineOrder(events);
					expect(tellings(events)).toEqual(tellings(all).filter((t) => view.byId.has(t.split('|')[2]!)));
				}
			}),
			{ numRuns: 40 },
		);
	});
});

describe.each(ENGINE_NAMES)('removal and re-adding (%s engine)', (engine: EngineName) => {
	const REMOVAL = fc
		.tuple(TEXTS, fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), fc.array(BODY, { maxLength: 3 }))
		.map(([texts, gone, bodies]) => {
			const removed = texts.filter((_, i) => gone[i]).map((t) => t.source.id);
			// New texts: some under a removed id (a new version), others under new ids.
			const added = bodies.map((body, i): SourceText => ({
				source: source(removed[i] ?? `n${i}`, LIBRARIES[i % LIBRARIES.length]!, '2024-06-01'),
				text: body,
			}));
			return { texts, removed, added };
		});

	it('returns no removed paragraph from any answer, search, conjunction or timeline (property)', () => {
		fc.assert(
			fc.property(REMOVAL, PICKS, ({ texts, removed }, picks) => {
				const whole = createCorpus(texts, { engine });
				const after = removeFromCorpus(whole, removed);
				const gone = new Set(removed);
				expect(after.sources.map((s) => s.id)).toEqual(texts.map((t) => t.source.id).filter((id) => !gone.has(id)));
				for (const id of ids(after)) {
					const isGone = gone.has(after.paragraphs[id]!.source.id);
					expect(after.libraryOf[id] === REMOVED).toBe(isGone);
					expect(visible(after, id)).toBe(!isGone);
				}
				const weights = new Map([...whole.index.vocabulary.keys()].map((t) => [t, 1]));
				const n = whole.paragraphs.length;
				for (const corpus of [after, ...LIBRARIES.map((l) => viewOf(after, readableLibraries(l)))]) {
					for (const h of searchIndex(corpus.index, weights, n, BM25, corpus.filter))
						expect(gone.has(corpus.paragraphs[h.id]!.source.id)).toBe(false);
					for (const term of ['harbour', 'armenia', 'quay'].map((w) => whole.index.analyzer.terms(w)[0]!))
						for (const id of paragraphsWithAll(corpus.index, [term], n, corpus.filter))
							expect(gone.has(corpus.paragraphs[id]!.source.id)).toBe(false);
					for (const q of questionsOf(texts, picks)) expectOwnResults(corpus, answer(corpus, q));
					expectOwnEvents(corpus, timelineEvents(corpus));
				}
			}),
			{ numRuns: 30 },
		);
	});

	it('answers a source added again under its id from its new text alone', () => {
		const old = 'The old version said the ferry sank near the lighthouse.';
		const fresh = 'The new version says the ferry docked safely at the pier.';
		const whole = createCorpus(
			[
				{ source: source('story', 'guild:11111'), text: old },
				{ source: source('other', 'shared'), text: 'A storm closed the harbour.' },
			],
			{ engine },
		);
		expect(answer(whole, old).results[0]?.passage).toBe(old);
		const removed = removeFromCorpus(whole, ['story']);
		expect(answer(removed, old).results).toEqual([]);
		const again = extendCorpus(removed, [{ source: source('story', 'guild:11111'), text: fresh }]);
		expect(again.paragraphs).toHaveLength(3);
		expect(again.paragraphsOf.get('story')?.map((p) => p.text)).toEqual([fresh]);
		for (const corpus of [again, viewOf(again, readableLibraries('guild:11111'))]) {
			expect(answer(corpus, fresh).results[0]?.passage).toBe(fresh);
			for (const q of [old, 'ferry sank lighthouse', '"sank near the lighthouse"', 'ferry'])
				expect(answer(corpus, q).results.some((r) => r.passage === old)).toBe(false);
			const all = new Map([...again.index.vocabulary.keys()].map((t) => [t, 1]));
			expect(searchIndex(corpus.index, all, 10, BM25, corpus.filter).map((h) => h.id)).not.toContain(0);
		}
		expect(answer(viewOf(again, readableLibraries('guild:22222')), fresh).results).toEqual([]);
	});

	it('carries the timeline across a removal then additions as a rebuild from the texts left and added would give it (property)', () => {
		fc.assert(
			fc.property(REMOVAL, ({ texts, removed, added }) => {
				const whole = createCorpus(texts, { engine });
				timelineEvents(whole);
				const left = removeFromCorpus(whole, removed);
				shrinkTimeline(whole, left);
				const grown = extendCorpus(left, added);
				extendTimeline(
					left,
					grown,
					added.map((t) => t.source),
				);
				const gone = new Set(removed);
				const rebuilt = createCorpus([...texts.filter((t) => !gone.has(t.source.id)), ...added], { engine });
				expect(timelineEvents(grown)).toEqual(timelineEvents(rebuilt));
				expectOwnEvents(grown, timelineEvents(grown));
				for (const library of LIBRARIES) {
					const view = viewOf(grown, readableLibraries(library));
					expectOwnEvents(view, timelineEvents(view));
				}
			}),
			{ numRuns: 60 },
		);
	});

	it('lists the events left after a removal in timeline order, as a rebuild does', () => {
		const almaty = 'The foreign ministers of Armenia and Azerbaijan met in Almaty on 10 May 2024.';
		const prices = 'Prices rose on 10 May 2024.';
		const texts: SourceText[] = [
			{ source: source('s0', 'guild:22222', '2024-05-13'), text: `${prices}\n${almaty}` },
			{ source: source('s1', 'shared', '2024-05-13'), text: almaty },
			{ source: source('s2', 'guild:11111', '2024-05-13'), text: prices },
		];
		const whole = createCorpus(texts, { engine });
		// s0 tells both; s1 and s2 are its second tellers.
		expect(timelineEvents(whole).map((e) => [e.source.id, e.also.map((a) => a.source.id)])).toEqual([
			['s0', ['s2']],
			['s0', ['s1']],
		]);
		const left = removeFromCorpus(whole, ['s0']);
		shrinkTimeline(whole, left);
		expect(timelineEvents(left).map((e) => [e.source.id, e.text])).toEqual([
			['s1', almaty],
			['s2', prices],
		]);
		expect(timelineEvents(left)).toEqual(timelineEvents(createCorpus(texts.slice(1), { engine })));
		// A view of the whole that lacks s0 lists them in the same order.
		const view = viewOf(whole, readableLibraries('guild:11111'));
		expect(timelineEvents(view).map((e) => [e.source.id, e.text])).toEqual([
			['s1', almaty],
			['s2', prices],
		]);
	});

	it('carries the timeline across a removal alone as a rebuild from the texts left would give it, in timeline order (property)', () => {
		fc.assert(
			fc.property(REMOVAL, ({ texts, removed }) => {
				const whole = createCorpus(texts, { engine });
				timelineEvents(whole);
				const left = removeFromCorpus(whole, removed);
				shrinkTimeline(whole, left);
				const gone = new Set(removed);
				const rebuilt = createCorpus(
					texts.filter((t) => !gone.has(t.source.id)),
					{ engine },
				);
				const events = timelineEvents(left);
				expectOwnEvents(left, events);
				expectTimelineOrder(events);
				expect(events).toEqual(timelineEvents(rebuilt));
			}),
			{ numRuns: 60 },
		);
	});
});
