-- A file (one path on one storage system) is produced by every job that indexed it: one record per file and job,
-- merged per job as indexing repeats. The files table is the view the routes read, recomputed from the records of
-- its file: purging one job removes only that job's records, and a rebuild gives the same rows. The projection keeps
-- its own hidden-job state (it used to read job_documents, which made it depend on another projection).
CREATE TABLE file_records (
    file_uuid text NOT NULL,
    job_uuid text NOT NULL,
    file_id text NOT NULL,
    name text NOT NULL,
    storage_system text NOT NULL,
    level text,
    size bigint NOT NULL,
    checksum text,
    derived_from text[] NOT NULL DEFAULT '{}',
    derived_using text[] NOT NULL DEFAULT '{}',
    indexed_at timestamptz NOT NULL,
    position bigint NOT NULL,
    removed_at timestamptz,
    PRIMARY KEY (file_uuid, job_uuid)
);
CREATE INDEX file_records_job ON file_records (job_uuid, name, file_uuid);
CREATE INDEX file_records_place ON file_records (storage_system, (name COLLATE "C"));

CREATE TABLE files_hidden_jobs (
    job_uuid text PRIMARY KEY
);

ALTER TABLE files ADD COLUMN producers text[] NOT NULL DEFAULT '{}';
ALTER TABLE files ADD COLUMN removed_at timestamptz;
-- The new projection (files_v2) starts from position 0 and fills both tables again.
TRUNCATE files;
DELETE FROM es.projections WHERE name = 'files_v1';
