-- Upstream walks and the edges between an answer's nodes read edges forwards; covering the visible ones lets them be
-- read from the index alone, as downstream walks already are (006), without a heap visit per edge.
CREATE INDEX lineage_edges_up ON lineage_edges (from_uuid) INCLUDE (relation, to_uuid) WHERE NOT hidden;
