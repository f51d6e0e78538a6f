-- A job's history is read from its own events (JobHistory), so job documents no longer carry a copy that every event
-- rewrote whole.
ALTER TABLE job_documents DROP COLUMN history;
