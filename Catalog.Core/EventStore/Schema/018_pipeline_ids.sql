-- Pipelines are found by the id people give them (GET /api/v1/pipelines/{id}), not only by UUID.
CREATE INDEX pipelines_id ON pipelines ((document->>'id'));
