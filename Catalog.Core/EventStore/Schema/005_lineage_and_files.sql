-- Lineage edges, projected asynchronously from job events. An edge "from -relation-> to" reads "from <relation> to"
-- (a job is child_of a measurement; a file is generated_by a job). job_uuid is the job whose events produced the
-- edge: purging the job removes its edges, hiding it hides them.
CREATE TABLE lineage_edges (
    from_uuid text NOT NULL,
    relation text NOT NULL,
    to_uuid text NOT NULL,
    job_uuid text NOT NULL,
    hidden boolean NOT NULL DEFAULT false,
    PRIMARY KEY (from_uuid, relation, to_uuid, job_uuid)
);
CREATE INDEX lineage_edges_to ON lineage_edges (to_uuid, relation);
CREATE INDEX lineage_edges_job ON lineage_edges (job_uuid);

-- Output files recorded by indexing, projected asynchronously from job.files_indexed events.
CREATE TABLE files (
    uuid text PRIMARY KEY,
    file_id text NOT NULL,
    name text NOT NULL,
    storage_system text NOT NULL,
    level text,
    size bigint NOT NULL,
    checksum text,
    job_uuid text NOT NULL,
    derived_from text[] NOT NULL DEFAULT '{}',
    derived_using text[] NOT NULL DEFAULT '{}',
    hidden boolean NOT NULL DEFAULT false,
    indexed_at timestamptz NOT NULL
);
CREATE INDEX files_job ON files (job_uuid, name);
