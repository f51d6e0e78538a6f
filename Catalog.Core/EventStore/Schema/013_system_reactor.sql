-- The system reactor's turn: the node whose sweep holds this row's lock decides deadlines and retention; the others
-- skip their sweep (a lock held by a node that stops answering ends with its transaction's idle timeout).
CREATE TABLE es.reactor (name text PRIMARY KEY);
INSERT INTO es.reactor (name) VALUES ('system');
