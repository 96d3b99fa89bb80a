export {
	createFeedAdmin,
	createIngester,
	createRemover,
	type FeedAdmin,
	type Ingest,
	type IngesterOptions,
	type Remove,
} from './ingester.js';
export { ingestSource, type IngestOptions, type Overrides } from './ingest.js';
export type { IngestOutcome } from './commit.js';
export { ingestFeed, readFeed, type FeedItem, type FeedReport } from './feed.js';
export { parseFeedList, startFeedPoller, type FeedPoller, type FeedPollerOptions } from './poller.js';
export { refreshCorpus, type Refreshed } from './live.js';
export { exitCodeOf, type IngestCode, type IngestProblem } from './problem.js';
