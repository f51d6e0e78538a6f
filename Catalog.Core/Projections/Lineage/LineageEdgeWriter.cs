using Catalog.Core.Lineage;
using Npgsql;
using NpgsqlTypes;

namespace Catalog.Core.Projections.Lineage;

/// <summary>
/// Collects the edges of a run of events and writes them as one <c>INSERT … SELECT FROM unnest(…)</c> per flush, so
/// a rebuild writes thousands of edges per statement; existing edges are kept (replays change nothing).
/// </summary>
internal sealed class LineageEdgeWriter(NpgsqlConnection connection, NpgsqlTransaction transaction, ProjectionTables tables)
{
    private const int MaxRows = 20_000;

    private readonly List<string> _from = [];
    private readonly List<string> _relation = [];
    private readonly List<string> _to = [];
    private readonly List<string> _job = [];
    private readonly List<long> _position = [];
    private readonly List<string> _createdJobs = [];
    private readonly List<(string Uuid, string Job, string Name)> _names = [];

    /// <summary>
    /// A created job is new, so it is not hidden, even when a purged job of the same UUID was; the canonical identifiers
    /// it was given name their nodes.
    /// </summary>
    public void Created(string jobUuid, IReadOnlyDictionary<string, string> names)
    {
        _createdJobs.Add(jobUuid);
        _names.AddRange(names.Select(n => (n.Key, jobUuid, n.Value)));
    }

    /// <summary>Names of nodes a later event of the job gave (the datasets an OpenLineage run read and wrote).</summary>
    public void Named(string jobUuid, IEnumerable<(string Uuid, string Name)> names) =>
        _names.AddRange(names.Select(n => (n.Uuid, jobUuid, n.Name)));

    /// <summary>Edges a job's event at <paramref name="position"/> states (an edge keeps the position that first stated it).</summary>
    public async Task AddAsync(string jobUuid, long position, IReadOnlyList<LineageEdge> edges, CancellationToken cancellationToken)
    {
        foreach (var edge in edges)
        {
            _from.Add(edge.From);
            _relation.Add(edge.Relation.Wire);
            _to.Add(edge.To);
            _job.Add(jobUuid);
            _position.Add(position);
        }
        if (_from.Count >= MaxRows)
        {
            await FlushAsync(cancellationToken);
        }
    }

    /// <summary>Hides or shows every edge of the job; what was collected before is written first, to keep the order.</summary>
    public async Task SetHiddenAsync(string jobUuid, bool hidden, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                Command(hidden
                    ? $"INSERT INTO {tables[LineageProjection.HiddenJobs]} (job_uuid) VALUES ($1) ON CONFLICT DO NOTHING"
                    : $"DELETE FROM {tables[LineageProjection.HiddenJobs]} WHERE job_uuid = $1", new NpgsqlParameter { Value = jobUuid }),
                Command($"UPDATE {tables[LineageProjection.Edges]} SET hidden = $2 WHERE job_uuid = $1 AND hidden <> $2",
                    new NpgsqlParameter { Value = jobUuid }, new NpgsqlParameter { Value = hidden }),
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_from.Count == 0 && _createdJobs.Count == 0 && _names.Count == 0)
        {
            return;
        }
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (_createdJobs.Count > 0)
        {
            batch.BatchCommands.Add(Command($"DELETE FROM {tables[LineageProjection.HiddenJobs]} WHERE job_uuid = ANY($1)", Texts(_createdJobs)));
        }
        if (_from.Count > 0)
        {
            batch.BatchCommands.Add(Command($"""
                INSERT INTO {tables[LineageProjection.Edges]} (from_uuid, relation, to_uuid, job_uuid, hidden, position)
                SELECT DISTINCT ON (e.from_uuid, e.relation, e.to_uuid, e.job_uuid)
                    e.from_uuid, e.relation, e.to_uuid, e.job_uuid, h.job_uuid IS NOT NULL, e.position
                FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[]) AS e (from_uuid, relation, to_uuid, job_uuid, position)
                LEFT JOIN {tables[LineageProjection.HiddenJobs]} h ON h.job_uuid = e.job_uuid
                ORDER BY e.from_uuid, e.relation, e.to_uuid, e.job_uuid, e.position
                ON CONFLICT DO NOTHING
                """, Texts(_from), Texts(_relation), Texts(_to), Texts(_job),
                new NpgsqlParameter { Value = _position.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint }));
        }
        if (_names.Count > 0)
        {
            batch.BatchCommands.Add(Command($"""
                INSERT INTO {tables[LineageProjection.Names]} (uuid, job_uuid, name)
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING
                """, Texts(_names.Select(n => n.Uuid).ToList()), Texts(_names.Select(n => n.Job).ToList()), Texts(_names.Select(n => n.Name).ToList())));
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
        _names.Clear();
        _from.Clear();
        _relation.Clear();
        _to.Clear();
        _job.Clear();
        _position.Clear();
        _createdJobs.Clear();
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter Texts(List<string> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
}
