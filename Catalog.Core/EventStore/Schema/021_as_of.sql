-- Lineage and jobs as of a time. Each commit records the last position it wrote and the time it wrote it, just
-- before COMMIT and under the log head's lock, so positions and times rise together: "as of T" is every event up to
-- the last commit written by T. Events committed before this was recorded count from their transaction's start.
CREATE TABLE es.commits (
    last_position bigint PRIMARY KEY,
    committed_at timestamptz NOT NULL
);
CREATE INDEX commits_time ON es.commits (committed_at, last_position);
INSERT INTO es.commits (last_position, committed_at)
SELECT max(position), recorded_at FROM es.events GROUP BY recorded_at;

-- Hides and restores, read to tell which jobs were hidden at a position.
CREATE INDEX events_visibility ON es.events (stream_id, position) WHERE event_type IN ('job.hidden.v1', 'job.restored.v1');

-- The position of the event that first stated each edge. Edges projected before this was recorded take the first
-- event of their job of the kind that states them (indexing for a file's edges, joining for a later group).
ALTER TABLE lineage_edges ADD COLUMN position bigint NOT NULL DEFAULT 0;
UPDATE lineage_edges e SET position = coalesce(
    CASE
        WHEN e.relation IN ('derived_from', 'derived_using') OR (e.relation IN ('child_of', 'generated_by') AND starts_with(e.from_uuid, '105'))
            THEN (SELECT min(v.position) FROM es.events v WHERE v.stream_id = e.job_uuid AND v.event_type = 'job.files_indexed.v1')
        WHEN e.relation = 'member_of'
            THEN (SELECT min(v.position) FROM es.events v WHERE v.stream_id = e.job_uuid AND v.event_type IN ('job.created.v1', 'job.joined_group.v1'))
    END,
    (SELECT min(v.position) FROM es.events v WHERE v.stream_id = e.job_uuid), 0);
