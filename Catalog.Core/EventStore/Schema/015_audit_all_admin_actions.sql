-- Every admin action has an audit record now (reset, ready, rerun, delete, undelete, token, purge, rebuild, bulk
-- operations); a rebuild or a bulk operation names no job.
ALTER TABLE audit_log ALTER COLUMN job_uuid DROP NOT NULL;

-- Bulk operations are streams of their own (type 'operation'); a start looks for the unfinished ones.
CREATE INDEX streams_operations ON es.streams (stream_id) WHERE stream_type = 'operation';
