-- Registered pipelines (reference data for jobs): the UUID as python-datacatalog computes it, and the document.
CREATE TABLE pipelines (
    uuid text PRIMARY KEY,
    name text NOT NULL,
    created timestamptz NOT NULL DEFAULT now(),
    document json NOT NULL
);
CREATE INDEX pipelines_created ON pipelines (created, uuid);
