using Catalog.Core.Jobs;
using Npgsql;
using NpgsqlTypes;

namespace Catalog.Core.Projections.Files;

/// <summary>
/// The SQL of <see cref="FilesProjection"/> for one batch: record upserts, hidden jobs, removals, and at the end the
/// <c>files</c> view of every file the batch touched, recomputed from its records.
/// </summary>
internal sealed class FilesWriter(NpgsqlConnection connection, NpgsqlTransaction transaction, ProjectionTables tables)
{
    public const string Records = "file_records";
    public const string HiddenJobs = "files_hidden_jobs";
    public const string Files = "files";

    private const string RecordColumns =
        "file_uuid, job_uuid, file_id, name, storage_system, level, size, checksum, derived_from, derived_using, indexed_at, position, removed_at";

    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);

    // Derived references are UUIDs, so a comma joins them without ambiguity. Indexing a file again makes it present.
    public async Task UpsertAsync(ICollection<FileRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }
        var records = tables[Records];
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {records} AS f ({RecordColumns})
            SELECT r.file_uuid, r.job_uuid, r.file_id, r.name, r.storage_system, r.level, r.size, r.checksum,
                string_to_array(r.derived_from, ','), string_to_array(r.derived_using, ','), r.indexed_at, r.position, NULL
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::text[], $9::text[],
                $10::text[], $11::timestamptz[], $12::bigint[])
                AS r(file_uuid, job_uuid, file_id, name, storage_system, level, size, checksum, derived_from, derived_using, indexed_at, position)
            ON CONFLICT (file_uuid, job_uuid) DO UPDATE SET
                file_id = EXCLUDED.file_id, name = EXCLUDED.name, storage_system = EXCLUDED.storage_system,
                level = coalesce(EXCLUDED.level, f.level), size = EXCLUDED.size, checksum = EXCLUDED.checksum,
                derived_from = ARRAY(SELECT DISTINCT x COLLATE "C" FROM unnest(f.derived_from || EXCLUDED.derived_from) AS u(x) ORDER BY 1),
                derived_using = ARRAY(SELECT DISTINCT x COLLATE "C" FROM unnest(f.derived_using || EXCLUDED.derived_using) AS u(x) ORDER BY 1),
                indexed_at = EXCLUDED.indexed_at, position = EXCLUDED.position, removed_at = NULL
            WHERE f.position < EXCLUDED.position
            """, connection, transaction);
        Add(command, rows.Select(r => r.File.Uuid));
        Add(command, rows.Select(r => r.JobUuid));
        Add(command, rows.Select(r => r.File.FileId));
        Add(command, rows.Select(r => r.File.Name));
        Add(command, rows.Select(r => r.File.StorageSystem));
        Add(command, rows.Select(r => r.File.Level));
        command.Parameters.Add(new NpgsqlParameter<long[]> { Value = rows.Select(r => r.File.Size).ToArray() });
        Add(command, rows.Select(r => r.File.Checksum));
        Add(command, rows.Select(r => string.Join(',', r.File.DerivedFrom)));
        Add(command, rows.Select(r => string.Join(',', r.File.DerivedUsing)));
        command.Parameters.Add(new NpgsqlParameter<DateTime[]>
        {
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
            Value = rows.Select(r => r.IndexedAt.UtcDateTime).ToArray(),
        });
        command.Parameters.Add(new NpgsqlParameter<long[]> { Value = rows.Select(r => r.Position).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
        _touched.UnionWith(rows.Select(r => r.File.Uuid));
    }

    public async Task SetHiddenAsync(string jobUuid, bool hidden, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(hidden
            ? $"INSERT INTO {tables[HiddenJobs]} (job_uuid) VALUES ($1) ON CONFLICT DO NOTHING"
            : $"DELETE FROM {tables[HiddenJobs]} WHERE job_uuid = $1", connection, transaction);
        command.Parameters.AddWithValue(jobUuid);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await TouchAsync($"SELECT file_uuid FROM {tables[Records]} WHERE job_uuid = $1", jobUuid, cancellationToken);
    }

    /// <summary>
    /// Every record of a file inside the cleared folder, indexed before the clearing, is marked removed, at the earliest
    /// clearing that reached it: clearings carried out of a purged stream arrive later in the log than they happened,
    /// so the first one applied is not always the first one made.
    /// </summary>
    public async Task MarkRemovedAsync(string system, string archivePath, DateTimeOffset at, long position, CancellationToken cancellationToken)
    {
        var prefix = archivePath.TrimEnd('/') + "/";
        // '0' follows '/' in byte order: the range is every name that starts with the prefix.
        var end = prefix[..^1] + "0";
        await using var command = new NpgsqlCommand($"""
            UPDATE {tables[Records]} SET removed_at = $4
            WHERE storage_system = $1 AND name COLLATE "C" >= $2 AND name COLLATE "C" < $3 AND starts_with(name, $2)
                AND position < $5 AND (removed_at IS NULL OR removed_at > $4)
            RETURNING file_uuid
            """, connection, transaction);
        command.Parameters.AddWithValue(system);
        command.Parameters.AddWithValue(prefix);
        command.Parameters.AddWithValue(end);
        command.Parameters.AddWithValue(at.UtcDateTime);
        command.Parameters.AddWithValue(position);
        await ReadTouchedAsync(command, cancellationToken);
    }

    public async Task ForgetJobAsync(string jobUuid, CancellationToken cancellationToken)
    {
        await TouchAsync($"DELETE FROM {tables[Records]} WHERE job_uuid = $1 RETURNING file_uuid", jobUuid, cancellationToken);
        await using var hidden = new NpgsqlCommand($"DELETE FROM {tables[HiddenJobs]} WHERE job_uuid = $1", connection, transaction);
        hidden.Parameters.AddWithValue(jobUuid);
        await hidden.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Writes the view of every file touched so far: its records merged, or no row when none is left.</summary>
    public async Task RefreshViewAsync(CancellationToken cancellationToken)
    {
        if (_touched.Count == 0)
        {
            return;
        }
        var uuids = _touched.ToArray();
        _touched.Clear();
        var records = new Dictionary<string, List<(FileRow, bool)>>(StringComparer.Ordinal);
        await using (var read = new NpgsqlCommand($"""
            SELECT {RecordColumns}, h.job_uuid IS NOT NULL FROM {tables[Records]} r LEFT JOIN {tables[HiddenJobs]} h USING (job_uuid)
            WHERE r.file_uuid = ANY($1)
            """, connection, transaction))
        {
            read.Parameters.AddWithValue(uuids);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = ReadRecord(reader);
                (records.TryGetValue(row.File.Uuid, out var list) ? list : records[row.File.Uuid] = []).Add((row, reader.GetBoolean(13)));
            }
        }
        var views = records.Values.Select(FileView.Of).OfType<FileView>().ToList();
        var files = tables[Files];
        await using var write = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand($"DELETE FROM {files} WHERE uuid = ANY($1)") { Parameters = { new() { Value = uuids } } },
            },
        };
        if (views.Count > 0)
        {
            var insert = new NpgsqlBatchCommand($"""
                INSERT INTO {files} (uuid, file_id, name, storage_system, level, size, checksum, job_uuid, derived_from, derived_using,
                    hidden, indexed_at, producers, removed_at)
                SELECT v.uuid, v.file_id, v.name, v.storage_system, v.level, v.size, v.checksum, v.job_uuid,
                    string_to_array(v.derived_from, ','), string_to_array(v.derived_using, ','), v.hidden, v.indexed_at,
                    string_to_array(v.producers, ','), v.removed_at
                FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::text[],
                    $10::text[], $11::bool[], $12::timestamptz[], $13::text[], $14::timestamptz[])
                    AS v(uuid, file_id, name, storage_system, level, size, checksum, job_uuid, derived_from, derived_using, hidden,
                        indexed_at, producers, removed_at)
                """);
            Add(insert, views.Select(v => v.Merged.File.Uuid));
            Add(insert, views.Select(v => v.Merged.File.FileId));
            Add(insert, views.Select(v => v.Merged.File.Name));
            Add(insert, views.Select(v => v.Merged.File.StorageSystem));
            Add(insert, views.Select(v => v.Merged.File.Level));
            insert.Parameters.Add(new NpgsqlParameter<long[]> { Value = views.Select(v => v.Merged.File.Size).ToArray() });
            Add(insert, views.Select(v => v.Merged.File.Checksum));
            Add(insert, views.Select(v => v.Merged.JobUuid));
            Add(insert, views.Select(v => string.Join(',', v.Merged.File.DerivedFrom)));
            Add(insert, views.Select(v => string.Join(',', v.Merged.File.DerivedUsing)));
            insert.Parameters.Add(new NpgsqlParameter<bool[]> { Value = views.Select(v => v.Hidden).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter<DateTime[]>
            {
                NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
                Value = views.Select(v => v.Merged.IndexedAt.UtcDateTime).ToArray(),
            });
            Add(insert, views.Select(v => string.Join(',', v.Producers)));
            insert.Parameters.Add(new NpgsqlParameter<DateTime?[]>
            {
                NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
                Value = views.Select(v => v.Merged.RemovedAt?.UtcDateTime).ToArray(),
            });
            write.BatchCommands.Add(insert);
        }
        await write.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Reads the first 13 columns of a record query (<see cref="RecordColumns"/> order).</summary>
    public static FileRow ReadRecord(NpgsqlDataReader reader) => new(new IndexedFile
    {
        Uuid = reader.GetString(0),
        FileId = reader.GetString(2),
        Name = reader.GetString(3),
        StorageSystem = reader.GetString(4),
        Level = reader.IsDBNull(5) ? null : reader.GetString(5),
        Size = reader.GetInt64(6),
        Checksum = reader.IsDBNull(7) ? null : reader.GetString(7),
        DerivedFrom = reader.GetFieldValue<string[]>(8),
        DerivedUsing = reader.GetFieldValue<string[]>(9),
    }, reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(10), reader.GetInt64(11),
        reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12));

    private async Task TouchAsync(string sql, string jobUuid, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue(jobUuid);
        await ReadTouchedAsync(command, cancellationToken);
    }

    private async Task ReadTouchedAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            _touched.Add(reader.GetString(0));
        }
    }

    private static void Add(NpgsqlCommand command, IEnumerable<string?> values) => command.Parameters.Add(Texts(values));

    private static void Add(NpgsqlBatchCommand command, IEnumerable<string?> values) => command.Parameters.Add(Texts(values));

    private static NpgsqlParameter<string?[]> Texts(IEnumerable<string?> values) =>
        new NpgsqlParameter<string?[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = values.ToArray() };
}
