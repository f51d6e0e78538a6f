-- Job documents: the inline projection of job streams (history kept apart so lists stay light).
CREATE TABLE job_documents (
    uuid text PRIMARY KEY,
    pipeline_uuid text NOT NULL,
    state text NOT NULL,
    child_of text[] NOT NULL DEFAULT '{}',
    deleted boolean NOT NULL DEFAULT false,
    version bigint NOT NULL,
    created timestamptz NOT NULL,
    updated timestamptz NOT NULL,
    document json NOT NULL,
    history json NOT NULL
);
CREATE INDEX job_documents_updated ON job_documents (updated, uuid);
CREATE INDEX job_documents_state ON job_documents (state, updated, uuid);
CREATE INDEX job_documents_pipeline ON job_documents (pipeline_uuid, updated, uuid);
CREATE INDEX job_documents_child_of ON job_documents USING gin (child_of);

-- Server secrets shared by every node (the job-token HMAC key), created on first start.
CREATE TABLE catalog_secrets (
    name text PRIMARY KEY,
    value bytea NOT NULL
);

-- What admins did that leaves no events behind (purge) or must be findable later.
CREATE TABLE audit_log (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    actor text NOT NULL,
    action text NOT NULL,
    job_uuid text NOT NULL,
    detail json NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_job ON audit_log (job_uuid, id);
