/**
 * Bump when date extraction changes, so that events cached with an older version are recomputed. Kept
 * apart from dates.ts so that computing a cache key does not load chrono-node.
 */
export const DATES_VERSION = 3;
