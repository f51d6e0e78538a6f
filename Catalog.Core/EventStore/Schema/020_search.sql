-- Lookups by the identifiers people hold, and search (GET /api/v1/search) over what jobs, files, pipelines and named
-- lineage nodes are known by: full text (the 'simple' configuration, no stemming: identifiers and paths are not
-- English) and trigrams (pg_trgm, for fragments and typos).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- A file id (file.tacc.<hashid>) is a hash of the storage system and path: it is found by value, never inverted.
CREATE INDEX files_file_id ON files (file_id);

-- Identifiers and paths as words: the text search parser keeps 'measurement.tacc.0x1A2B' or a path as one token,
-- so their separators become spaces, on both the indexed and the searched side.
CREATE FUNCTION catalog_search_words(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN translate($1, '/._-:', '     ');

-- What a job is known by besides its pipeline: the canonical identifiers it was created for (the document's names),
-- its tags, labels, notes and owner (JobDocumentWriter.SearchText). Kept in a table of its own, written with the job's
-- document only when it changes (creation, tag, annotate): the documents' row is rewritten on every event, and text
-- indexes on it would be written on every event too (measured: ingest at 0.30 of the baseline instead of 0.45).
CREATE TABLE job_search (
    uuid text PRIMARY KEY,
    text text NOT NULL
);
INSERT INTO job_search (uuid, text)
SELECT uuid, concat_ws(' ', (SELECT string_agg(n.value, ' ') FROM json_each_text(document->'names') n),
        nullif(array_to_string(tags, ' '), ''), nullif(array_to_string(labels, ' '), ''), nullif(document->>'notes', ''), nullif(owner, ''))
FROM job_documents;
CREATE INDEX job_search_words ON job_search USING gin (to_tsvector('simple', catalog_search_words(text)));
CREATE INDEX job_search_trigrams ON job_search USING gin (text gin_trgm_ops);

CREATE INDEX files_search_words ON files USING gin (to_tsvector('simple', catalog_search_words(name)));
CREATE INDEX files_search_trigrams ON files USING gin (name gin_trgm_ops);

CREATE FUNCTION catalog_pipeline_search_text(name text, document json) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN concat_ws(' ', name, document->>'id', document->>'description');

CREATE INDEX pipelines_search_words ON pipelines
    USING gin (to_tsvector('simple', catalog_search_words(catalog_pipeline_search_text(name, document))));
CREATE INDEX pipelines_search_trigrams ON pipelines USING gin (catalog_pipeline_search_text(name, document) gin_trgm_ops);

CREATE INDEX lineage_names_search_words ON lineage_names USING gin (to_tsvector('simple', catalog_search_words(name)));
CREATE INDEX lineage_names_search_trigrams ON lineage_names USING gin (name gin_trgm_ops);
