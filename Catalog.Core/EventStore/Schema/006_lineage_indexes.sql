-- Jobs whose lineage is hidden, kept by the lineage projection: a hidden job can still record files (indexing is
-- not a state-machine event), and the edges those files bring must be hidden too until the job is restored.
CREATE TABLE lineage_hidden_jobs (
    job_uuid text PRIMARY KEY
);

-- Downstream walks read edges backwards, and fan-in is where provenance graphs have hubs (a pipeline's jobs, a
-- measurement's jobs): covering the visible edges lets them be read from the index alone, without a heap visit per
-- edge. Upstream walks read forwards through the primary key, where out-degrees are small.
CREATE INDEX lineage_edges_down ON lineage_edges (to_uuid, relation) INCLUDE (from_uuid) WHERE NOT hidden;
