-- The event store (anchors/event-store.md §5): streams with a version for optimistic concurrency, events with a
-- gapless global position handed out under the log-head row lock (position order = commit order), an inbox for
-- idempotent deliveries and projection checkpoints.
CREATE SCHEMA IF NOT EXISTS es;

CREATE TABLE es.log_head (
    id smallint PRIMARY KEY CHECK (id = 1),
    last_position bigint NOT NULL
) WITH (fillfactor = 10);
INSERT INTO es.log_head (id, last_position) VALUES (1, 0);

CREATE TABLE es.streams (
    stream_id text PRIMARY KEY,
    stream_type text NOT NULL,
    version bigint NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE es.events (
    position bigint PRIMARY KEY,
    event_id uuid NOT NULL UNIQUE,
    stream_id text NOT NULL REFERENCES es.streams (stream_id) ON DELETE CASCADE,
    version bigint NOT NULL,
    event_type text NOT NULL,
    -- json, not jsonb: the exact text is kept, so 100.0 stays a float and 1e+16 keeps its form (identifiers hash it).
    data json NOT NULL,
    metadata json NOT NULL DEFAULT '{}',
    recorded_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (stream_id, version)
);

CREATE TABLE es.inbox (
    stream_id text NOT NULL,
    delivery_key text NOT NULL,
    payload_sha256 bytea NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    result json,
    PRIMARY KEY (stream_id, delivery_key)
);

CREATE TABLE es.projections (
    name text PRIMARY KEY,
    position bigint NOT NULL DEFAULT 0,
    status text NOT NULL DEFAULT 'running',
    last_error text,
    error_position bigint,
    rebuild_target bigint,
    updated_at timestamptz NOT NULL DEFAULT now()
);
