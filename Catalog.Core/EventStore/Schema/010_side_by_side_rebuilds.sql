-- A rebuild fills fresh copies of a projection's tables (rebuild_position is how far) while readers keep the live
-- ones, which are replaced once the copies reach the head. A rebuild of the old kind (tables emptied in place) just
-- runs on.
ALTER TABLE es.projections ADD COLUMN rebuild_position bigint;
UPDATE es.projections SET status = 'running', rebuild_target = NULL WHERE status = 'rebuilding';
