-- A lineage answer in one round trip. The walk is LineageWalk's (Catalog.Core/Lineage/LineageWalk.cs), level by level
-- with its per-direction visited sets, fetch limits, ordinal order and node limit, but run next to the edges: one call
-- instead of two queries per level with the visited sets sent each time, then the edges, then the descriptions.
-- LineageWalkTests holds the two to the same answers.

-- What people know a node by, one row per fact: 'name' (the identifier a job was given for it), 'job', 'file',
-- 'pipeline', 'group'. LineageNodes turns the rows into nodes.
CREATE FUNCTION catalog_lineage_describe(uuids text[])
RETURNS TABLE (kind text, uuid text, a text, b text, c text, d text, t timestamptz)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
DECLARE
    job_ids text[] := ARRAY(SELECT u FROM unnest(uuids) u WHERE left(u, 3) = '107');
    file_ids text[] := ARRAY(SELECT u FROM unnest(uuids) u WHERE left(u, 3) = '105');
    pipeline_ids text[] := ARRAY(SELECT u FROM unnest(uuids) u WHERE left(u, 3) = '106');
    group_ids text[] := ARRAY(SELECT u FROM unnest(uuids) u WHERE left(u, 3) = '112');
    other_ids text[] := ARRAY(SELECT u FROM unnest(uuids) u WHERE left(u, 3) NOT IN ('107', '106', '112'));
BEGIN
    -- First the names jobs gave nodes, so what the catalog knows better (an indexed file's path) replaces them.
    IF cardinality(other_ids) > 0 THEN
        RETURN QUERY SELECT 'name', n.uuid, min(n.name), NULL, NULL, NULL, NULL::timestamptz
            FROM lineage_names n WHERE n.uuid = ANY(other_ids) GROUP BY n.uuid;
    END IF;
    IF cardinality(job_ids) > 0 THEN
        RETURN QUERY SELECT 'job', j.uuid, j.pipeline_uuid, j.state, p.name, p.document->>'id', j.created
            FROM job_documents j LEFT JOIN pipelines p ON p.uuid = j.pipeline_uuid WHERE j.uuid = ANY(job_ids);
    END IF;
    -- A file by its path inside the archive folder of the job that recorded it; each job's document read once.
    IF cardinality(file_ids) > 0 THEN
        RETURN QUERY WITH f AS (SELECT x.uuid, x.name, x.storage_system, x.job_uuid FROM files x WHERE x.uuid = ANY(file_ids))
            SELECT 'file', f.uuid, f.name, f.storage_system, arch.archive, NULL, NULL::timestamptz
            FROM f LEFT JOIN (SELECT j.uuid, j.document->>'archive_path' AS archive FROM job_documents j
                WHERE j.uuid IN (SELECT f.job_uuid FROM f)) arch ON arch.uuid = f.job_uuid;
    END IF;
    IF cardinality(pipeline_ids) > 0 THEN
        RETURN QUERY SELECT 'pipeline', p.uuid, p.name, p.document->>'id', NULL, NULL, NULL::timestamptz
            FROM pipelines p WHERE p.uuid = ANY(pipeline_ids);
    END IF;
    -- A group is named in its stream's first event.
    IF cardinality(group_ids) > 0 THEN
        RETURN QUERY SELECT 'group', e.stream_id, e.data->>'name', e.data->>'kind', NULL, NULL, NULL::timestamptz
            FROM es.events e WHERE e.stream_id = ANY(group_ids) AND e.version = 1 AND e.event_type = 'group.created.v1';
    END IF;
END $$;

-- The walk: rows 'node' (uuid in a, the root first, then each level in ordinal order), 'truncated' (a = 'true' when
-- the node limit cut it short), 'edge' (a -[b]-> c: the visible edges leaving the answer's nodes; those ending
-- outside it are dropped by the caller with a hash set), then the descriptions of catalog_lineage_describe.
-- As of a time (as_of_position not null): only edges stated by then, of jobs not in hidden_jobs.
CREATE FUNCTION catalog_lineage_walk(root text, walk_up boolean, walk_down boolean, max_depth integer, node_limit integer,
    as_of_position bigint, hidden_jobs text[])
RETURNS TABLE (kind text, uuid text, a text, b text, c text, d text, t timestamptz)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
DECLARE
    nodes text[] := ARRAY[root];
    up_visited text[] := ARRAY[root];
    down_visited text[] := ARRAY[root];
    up_frontier text[] := CASE WHEN walk_up THEN ARRAY[root] ELSE ARRAY[]::text[] END;
    down_frontier text[] := CASE WHEN walk_down THEN ARRAY[root] ELSE ARRAY[]::text[] END;
    up_found text[];
    down_found text[];
    fresh text[];
    up_fetch integer;
    down_fetch integer;
    room integer;
    level integer := 0;
    cut boolean := false;
BEGIN
    WHILE NOT cut AND level < max_depth AND (cardinality(up_frontier) > 0 OR cardinality(down_frontier) > 0) LOOP
        -- Room for every node still allowed plus those already reached the other way, and one more: a level that
        -- fills it has certainly found more nodes than the limit allows.
        up_fetch := node_limit - cardinality(nodes) + 1 + (cardinality(nodes) - cardinality(up_visited));
        down_fetch := node_limit - cardinality(nodes) + 1 + (cardinality(nodes) - cardinality(down_visited));
        up_found := ARRAY[]::text[];
        down_found := ARRAY[]::text[];
        IF cardinality(up_frontier) > 0 THEN
            IF as_of_position IS NULL THEN
                up_found := ARRAY(SELECT DISTINCT e.to_uuid COLLATE "C" FROM lineage_edges e
                    WHERE e.from_uuid = ANY(up_frontier) AND NOT e.hidden
                        AND NOT EXISTS (SELECT FROM unnest(up_visited) v (u) WHERE v.u = e.to_uuid)
                    ORDER BY 1 LIMIT up_fetch);
            ELSE
                up_found := ARRAY(SELECT DISTINCT e.to_uuid COLLATE "C" FROM lineage_edges e
                    WHERE e.from_uuid = ANY(up_frontier) AND NOT e.hidden
                        AND e.position <= as_of_position AND NOT (e.job_uuid = ANY(hidden_jobs))
                        AND NOT EXISTS (SELECT FROM unnest(up_visited) v (u) WHERE v.u = e.to_uuid)
                    ORDER BY 1 LIMIT up_fetch);
            END IF;
        END IF;
        IF cardinality(down_frontier) > 0 THEN
            IF as_of_position IS NULL THEN
                down_found := ARRAY(SELECT DISTINCT e.from_uuid COLLATE "C" FROM lineage_edges e
                    WHERE e.to_uuid = ANY(down_frontier) AND NOT e.hidden
                        AND NOT EXISTS (SELECT FROM unnest(down_visited) v (u) WHERE v.u = e.from_uuid)
                    ORDER BY 1 LIMIT down_fetch);
            ELSE
                down_found := ARRAY(SELECT DISTINCT e.from_uuid COLLATE "C" FROM lineage_edges e
                    WHERE e.to_uuid = ANY(down_frontier) AND NOT e.hidden
                        AND e.position <= as_of_position AND NOT (e.job_uuid = ANY(hidden_jobs))
                        AND NOT EXISTS (SELECT FROM unnest(down_visited) v (u) WHERE v.u = e.from_uuid)
                    ORDER BY 1 LIMIT down_fetch);
            END IF;
        END IF;
        room := node_limit - cardinality(nodes);
        fresh := ARRAY(SELECT DISTINCT f.u COLLATE "C" FROM unnest(up_found || down_found) f (u)
            WHERE NOT EXISTS (SELECT FROM unnest(nodes) n (u) WHERE n.u = f.u) ORDER BY 1);
        IF cardinality(up_found) >= up_fetch OR cardinality(down_found) >= down_fetch OR cardinality(fresh) > room THEN
            cut := true;
            fresh := fresh[1:room];
        END IF;
        nodes := nodes || fresh;
        -- The next frontiers: what each direction found that made it into the answer (none was visited that way yet).
        up_frontier := ARRAY(SELECT f.u FROM unnest(up_found) f (u) WHERE EXISTS (SELECT FROM unnest(nodes) n (u) WHERE n.u = f.u));
        down_frontier := ARRAY(SELECT f.u FROM unnest(down_found) f (u) WHERE EXISTS (SELECT FROM unnest(nodes) n (u) WHERE n.u = f.u));
        up_visited := up_visited || up_frontier;
        down_visited := down_visited || down_frontier;
        level := level + 1;
    END LOOP;

    RETURN QUERY SELECT 'node', n.u, NULL, NULL, NULL, NULL, NULL::timestamptz FROM unnest(nodes) WITH ORDINALITY n (u, i) ORDER BY n.i;
    RETURN QUERY SELECT 'truncated', NULL, cut::text, NULL, NULL, NULL, NULL::timestamptz;
    IF as_of_position IS NULL THEN
        RETURN QUERY SELECT 'edge', NULL, e.from_uuid, e.relation, e.to_uuid, NULL, NULL::timestamptz FROM lineage_edges e
            WHERE e.from_uuid = ANY(nodes) AND NOT e.hidden;
    ELSE
        RETURN QUERY SELECT 'edge', NULL, e.from_uuid, e.relation, e.to_uuid, NULL, NULL::timestamptz FROM lineage_edges e
            WHERE e.from_uuid = ANY(nodes) AND NOT e.hidden AND e.position <= as_of_position AND NOT (e.job_uuid = ANY(hidden_jobs));
    END IF;
    RETURN QUERY SELECT * FROM catalog_lineage_describe(nodes);
END $$;
