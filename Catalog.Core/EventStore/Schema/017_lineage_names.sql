-- The canonical identifiers jobs were given (measurement.tacc.0x1A2B, ...), by the UUID each resolved to and the job
-- that gave it, so lineage answers label those nodes with what scientists typed. Part of the lineage projection:
-- a purge removes the names only that job gave.
CREATE TABLE lineage_names (
    uuid text NOT NULL,
    job_uuid text NOT NULL,
    name text NOT NULL,
    PRIMARY KEY (uuid, job_uuid)
);
CREATE INDEX lineage_names_job ON lineage_names (job_uuid);
