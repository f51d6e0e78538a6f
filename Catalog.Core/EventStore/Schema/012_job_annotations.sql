-- The catalog's own job fields the job list filters on: owner, tags and labels. A label is kept as the text
-- 'key:value' (keys hold no ':'), so one GIN index answers label filters as another answers tag filters. The indexes
-- are partial: a document is rewritten on every event, and most jobs carry none of these, so they cost nothing then
-- (the list's conditions repeat the predicates so the planner can use them).
ALTER TABLE job_documents ADD COLUMN owner text;
ALTER TABLE job_documents ADD COLUMN tags text[] NOT NULL DEFAULT '{}';
ALTER TABLE job_documents ADD COLUMN labels text[] NOT NULL DEFAULT '{}';
CREATE INDEX job_documents_owner ON job_documents (owner, updated, uuid) WHERE owner IS NOT NULL;
CREATE INDEX job_documents_tags ON job_documents USING gin (tags) WHERE tags <> '{}';
CREATE INDEX job_documents_labels ON job_documents USING gin (labels) WHERE labels <> '{}';
