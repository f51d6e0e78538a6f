-- A purged stream keeps its row as a tombstone (version 0, purged_at set), so the stream's next life gets the next
-- incarnation: an append decided on a head of an earlier incarnation fails its check, and job tokens of an earlier
-- incarnation (they are derived from it) never work again.
ALTER TABLE es.streams ADD COLUMN incarnation integer NOT NULL DEFAULT 1;
ALTER TABLE es.streams ADD COLUMN purged_at timestamptz;
