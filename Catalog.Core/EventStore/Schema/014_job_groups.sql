-- Job groups: a group is a stream of its own (type 'jobgroup'), listed in creation order; a job's group is kept with
-- its document for the job list's ?group= (partial: most jobs belong to none).
ALTER TABLE job_documents ADD COLUMN group_uuid text;
CREATE INDEX job_documents_group ON job_documents (group_uuid, updated, uuid) WHERE group_uuid IS NOT NULL;
CREATE INDEX streams_groups ON es.streams (created_at, stream_id) WHERE stream_type = 'jobgroup';
