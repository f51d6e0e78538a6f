-- OpenLineage ingest: every event received, kept as it came (the same event twice is kept once), and the job an
-- OpenLineage run was recorded as, found by its run id.
CREATE TABLE openlineage_events (
    id bigserial PRIMARY KEY,
    fingerprint text NOT NULL UNIQUE,
    received timestamptz NOT NULL DEFAULT now(),
    event_time timestamptz NOT NULL,
    kind text NOT NULL,
    event_type text,
    namespace text NOT NULL,
    name text NOT NULL,
    run_id text,
    job_uuid text,
    actor text NOT NULL,
    event text NOT NULL
);
CREATE INDEX openlineage_events_run ON openlineage_events (run_id, id) WHERE run_id IS NOT NULL;
CREATE INDEX openlineage_events_job ON openlineage_events (job_uuid, id) WHERE job_uuid IS NOT NULL;
CREATE INDEX openlineage_events_name ON openlineage_events (namespace, name, id);
CREATE INDEX job_documents_openlineage_run ON job_documents (((document->'data'->'openlineage'->>'run_id')))
    WHERE (document->'data'->'openlineage'->>'run_id') IS NOT NULL;
