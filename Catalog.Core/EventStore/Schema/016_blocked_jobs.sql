-- The system reactor's dependency watch: the jobs a job depends on, and whether the system marked it blocked. Only
-- jobs waiting to run with dependencies or a group, and blocked jobs, are in the watch's indexes.
ALTER TABLE job_documents ADD COLUMN waits_on text[] NOT NULL DEFAULT '{}';
ALTER TABLE job_documents ADD COLUMN blocked boolean NOT NULL DEFAULT false;
CREATE INDEX job_documents_waiting ON job_documents (uuid)
    WHERE state = 'CREATED' AND (waits_on <> '{}' OR group_uuid IS NOT NULL) AND NOT deleted;
CREATE INDEX job_documents_blocked ON job_documents (uuid) WHERE blocked;
