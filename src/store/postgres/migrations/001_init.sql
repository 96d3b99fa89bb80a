-- Verbatim's PostgreSQL store (see src/store/postgres/pg-store.ts). The catalog is one row per
-- entry in catalog order; `entry` is the entry's JSON exactly as written (key order kept, so an
-- export is byte for byte the imported sources.json), `body` the text file's bytes.
CREATE TABLE sources (
	position bigint PRIMARY KEY,
	id text UNIQUE,
	library text,
	url_key text,
	file text UNIQUE,
	entry text NOT NULL,
	body bytea,
	text_hash text
);
-- Two processes adding the same page add it once: a library holds one source per (verified) URL.
CREATE UNIQUE INDEX sources_library_url ON sources (library, url_key) WHERE url_key IS NOT NULL;

-- Texts replaced or removed, kept for an operator to restore by hand (the data directory's .removed/).
CREATE TABLE removed_sources (
	seq bigserial PRIMARY KEY,
	id text,
	file text,
	entry text NOT NULL,
	body bytea,
	removed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE feeds (
	position integer PRIMARY KEY,
	-- Both null for an entry that is not a valid feed (kept as imported, dropped at the next change, as in feeds.json).
	library text,
	url_key text,
	entry text NOT NULL,
	UNIQUE (library, url_key)
);

-- audit.jsonl, one row a line, each with its line ending as written.
CREATE TABLE audit (
	seq bigserial PRIMARY KEY,
	line text NOT NULL
);

-- Files as imported (sources.json, feeds.json), so an export unchanged since gives them back byte for byte.
CREATE TABLE documents (
	name text PRIMARY KEY,
	body bytea NOT NULL
);

-- Every write adds a row here and NOTIFYs verbatim_changes with its seq in the same transaction;
-- a process that lost its connection catches up on the rows past the last seq it saw.
CREATE TABLE changes (
	seq bigserial PRIMARY KEY,
	kind text NOT NULL CHECK (kind IN ('added', 'updated', 'removed', 'feeds', 'imported')),
	id text,
	at timestamptz NOT NULL DEFAULT now()
);
