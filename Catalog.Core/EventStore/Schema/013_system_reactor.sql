-- The system reactor's turn: the node whose sweep holds this row's lock decides deadlines and retention; the others
-- skip their sweep (a lock held by a node that stops answering ends with its transaction's idle timeout).
CREATE TABLE es.reactor (name text PRIMARY KEY);
INSERT INTO es.reactor (name) VALUES ('system');

-- When the reactor is due to look at a job, kept with its document so a sweep reads a few index entries instead of
-- every document: the deadline of a RUNNING job with a max_wall_time, the end of retention of a finished auto_delete
-- job, and the time a hidden job was hidden (for CATALOG_PURGE_HIDDEN_AFTER_DAYS).
ALTER TABLE job_documents ADD COLUMN deadline timestamptz;
ALTER TABLE job_documents ADD COLUMN retain_until timestamptz;
CREATE INDEX job_documents_deadline ON job_documents (deadline) WHERE deadline IS NOT NULL;
CREATE INDEX job_documents_retain_until ON job_documents (retain_until) WHERE retain_until IS NOT NULL;
CREATE INDEX job_documents_hidden ON job_documents (updated) WHERE deleted;
