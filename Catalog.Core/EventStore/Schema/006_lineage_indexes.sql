-- Jobs whose lineage is hidden, kept by the lineage projection: a hidden job can still record files (indexing is
-- not a state-machine event), and the edges those files bring must be hidden too until the job is restored.
CREATE TABLE lineage_hidden_jobs (
    job_uuid text PRIMARY KEY
);
