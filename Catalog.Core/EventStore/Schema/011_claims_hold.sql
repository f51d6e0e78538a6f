-- A group commit sends its claims (delivery keys, stream versions) and its writes in one round trip. When a claim
-- fails (a key delivered before, a stream that moved on), the writes behind it must not run: the claim statements end
-- with es.claims_hold, which raises CA409; the commit then rolls back and goes the careful way, claims first.
CREATE FUNCTION es.claims_hold(held boolean) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    IF NOT held THEN
        RAISE EXCEPTION 'a claim of this commit did not hold' USING ERRCODE = 'CA409';
    END IF;
    RETURN true;
END
$$;
