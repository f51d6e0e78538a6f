using Newtonsoft.Json.Linq;
using Npgsql;

namespace Catalog.Core.Queries;

/// <summary>
/// Search over what jobs, files, pipelines and named lineage nodes are known by: each candidate field is matched by full
/// text (whole words of identifiers and paths) or by trigrams (fragments, typos), both answered by the indexes of
/// schema 020. One hit per thing, with the field that matched best; ranked by score, paged by (score, UUID).
/// </summary>
public sealed class SearchQueries(NpgsqlDataSource dataSource)
{
    /// <summary>The list name carried by search cursors.</summary>
    public const string List = "search";

    // Each source gives (type, uuid, field, value, identifier) for the things its indexes find; the fields are scored
    // one by one: an exact identifier 2, else the better of the trigram word similarity (0..1) and a full-text match
    // (0.5 plus its normalised rank, under 1.5). Scores are rounded to 6 places so that the cursor holds them exactly.
    private const string Sql = """
        WITH hits AS (
            SELECT 'job' AS type, d.uuid, f.field, f.value, f.identifier
            FROM job_search s JOIN job_documents d ON d.uuid = s.uuid
            CROSS JOIN LATERAL (
                SELECT 'uuid', d.uuid, true WHERE d.uuid = lower($1)
                UNION ALL SELECT 'names', n.value, true FROM json_each_text(d.document->'names') n
                UNION ALL SELECT 'tags', t, false FROM unnest(d.tags) t
                UNION ALL SELECT 'labels', l, false FROM unnest(d.labels) l
                UNION ALL SELECT 'notes', d.document->>'notes', false
                UNION ALL SELECT 'owner', d.owner, false) f (field, value, identifier)
            WHERE 'job' = ANY($2) AND ($3 OR NOT d.deleted)
                AND (s.uuid = lower($1)
                    OR to_tsvector('simple', catalog_search_words(s.text)) @@ websearch_to_tsquery('simple', catalog_search_words($1))
                    OR $1 <% s.text)
            UNION ALL
            SELECT 'job', d.uuid, 'pipeline', p.name, false
            FROM pipelines p JOIN job_documents d ON d.pipeline_uuid = p.uuid
            WHERE 'job' = ANY($2) AND ($3 OR NOT d.deleted)
                AND (to_tsvector('simple', catalog_search_words(catalog_pipeline_search_text(p.name, p.document)))
                        @@ websearch_to_tsquery('simple', catalog_search_words($1))
                    OR $1 <% catalog_pipeline_search_text(p.name, p.document))
            UNION ALL
            SELECT 'file', f.uuid, v.field, v.value, true
            FROM files f
            CROSS JOIN LATERAL (VALUES ('uuid', f.uuid), ('path', f.name), ('file_id', f.file_id)) v (field, value)
            WHERE 'file' = ANY($2) AND ($3 OR NOT f.hidden)
                AND (f.uuid = lower($1) OR f.file_id = $1
                    OR to_tsvector('simple', catalog_search_words(f.name)) @@ websearch_to_tsquery('simple', catalog_search_words($1))
                    OR $1 <% f.name)
            UNION ALL
            SELECT 'pipeline', p.uuid, v.field, v.value, v.identifier
            FROM pipelines p
            CROSS JOIN LATERAL (VALUES ('uuid', p.uuid, true), ('name', p.name, false), ('id', p.document->>'id', true),
                ('description', p.document->>'description', false)) v (field, value, identifier)
            WHERE 'pipeline' = ANY($2)
                AND (p.uuid = lower($1)
                    OR to_tsvector('simple', catalog_search_words(catalog_pipeline_search_text(p.name, p.document)))
                        @@ websearch_to_tsquery('simple', catalog_search_words($1))
                    OR $1 <% catalog_pipeline_search_text(p.name, p.document))
            UNION ALL
            -- Named nodes that are none of the above; a name only a hidden job gave is hidden with it.
            SELECT 'dataset', n.uuid, 'name', n.name, true
            FROM lineage_names n
            WHERE 'dataset' = ANY($2) AND left(n.uuid, 3) NOT IN ('105', '106', '107')
                AND ($3 OR NOT EXISTS (SELECT FROM job_documents j WHERE j.uuid = n.job_uuid AND j.deleted))
                AND (n.uuid = lower($1)
                    OR to_tsvector('simple', catalog_search_words(n.name)) @@ websearch_to_tsquery('simple', catalog_search_words($1))
                    OR $1 <% n.name)
        ),
        scored AS (
            SELECT DISTINCT ON (uuid) type, uuid, field, round(CASE WHEN identifier AND lower(value) = lower($1) THEN 2
                ELSE greatest(word_similarity($1, value),
                    CASE WHEN to_tsvector('simple', catalog_search_words(value)) @@ websearch_to_tsquery('simple', catalog_search_words($1))
                        THEN 0.5 + ts_rank(to_tsvector('simple', catalog_search_words(value)),
                            websearch_to_tsquery('simple', catalog_search_words($1)), 32)
                        ELSE 0 END) END::numeric, 6) AS score
            FROM hits WHERE value IS NOT NULL
            ORDER BY uuid, score DESC, field
        )
        SELECT type, uuid, field, score::float8, (score * 1000000)::bigint FROM scored
        WHERE score > 0 AND ($4::bigint IS NULL OR ((score * 1000000)::bigint, uuid COLLATE "C") < ($4, $5::text COLLATE "C"))
        ORDER BY score DESC, uuid COLLATE "C" DESC LIMIT $6
        """;

    /// <summary>A page of hits <c>{type, uuid, label, matched, score, href}</c>, best first (ties: UUID descending).</summary>
    public async Task<Page> SearchAsync(SearchRequest request, bool includeHidden, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = new List<(string Type, string Uuid, string Field, double Score, long Rank)>();
        await using (var command = new NpgsqlCommand(Sql, connection))
        {
            command.Parameters.AddWithValue(request.Text);
            command.Parameters.AddWithValue(request.Types.ToArray());
            command.Parameters.AddWithValue(includeHidden);
            command.Parameters.Add(new NpgsqlParameter<long?> { TypedValue = request.Page.After?.Position });
            command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = request.Page.After?.Key });
            command.Parameters.AddWithValue(request.Page.Limit + 1);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetDouble(3), reader.GetInt64(4)));
            }
        }
        var shown = rows.Take(request.Page.Limit).ToList();
        var labels = (await LineageNodes.DescribeAsync(connection, shown.Select(r => r.Uuid).ToArray(), cancellationToken))
            .ToDictionary(n => n.Uuid, n => n.Label, StringComparer.Ordinal);
        return Page.Of(rows, request.Page.Limit, row => new JObject
        {
            ["type"] = row.Type,
            ["uuid"] = row.Uuid,
            ["label"] = labels.GetValueOrDefault(row.Uuid),
            ["matched"] = row.Field,
            ["score"] = row.Score,
            ["href"] = Href(row.Type, row.Uuid),
        }, row => new PageCursor(List, row.Rank, row.Uuid));
    }

    private static string Href(string type, string uuid) => type switch
    {
        "job" => $"/api/v1/jobs/{uuid}",
        "file" => $"/api/v1/files/{uuid}",
        "pipeline" => $"/api/v1/pipelines/{uuid}",
        _ => $"/api/v1/lineage/{uuid}",
    };
}
