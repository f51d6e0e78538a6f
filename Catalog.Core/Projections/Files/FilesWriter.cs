using Npgsql;
using NpgsqlTypes;

namespace Catalog.Core.Projections.Files;

/// <summary>The SQL of <see cref="FilesProjection"/>: one upsert per run of file events, one update per hide or restore.</summary>
public static class FilesWriter
{
    // Derived references are UUIDs, so a comma joins them without ambiguity. A file takes its job's current
    // visibility: a job hidden while it was being indexed hides the files recorded after the hide too.
    private const string UpsertSql = """
        INSERT INTO files AS f (uuid, file_id, name, storage_system, level, size, checksum, job_uuid, derived_from, derived_using,
            hidden, indexed_at)
        SELECT r.uuid, r.file_id, r.name, r.storage_system, r.level, r.size, r.checksum, r.job_uuid,
            string_to_array(r.derived_from, ','), string_to_array(r.derived_using, ','),
            coalesce((SELECT d.deleted FROM job_documents d WHERE d.uuid = r.job_uuid), false), r.indexed_at
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::text[],
            $10::text[], $11::timestamptz[])
            AS r(uuid, file_id, name, storage_system, level, size, checksum, job_uuid, derived_from, derived_using, indexed_at)
        ON CONFLICT (uuid) DO UPDATE SET
            file_id = EXCLUDED.file_id,
            name = EXCLUDED.name,
            storage_system = EXCLUDED.storage_system,
            level = coalesce(EXCLUDED.level, f.level),
            size = EXCLUDED.size,
            checksum = EXCLUDED.checksum,
            job_uuid = EXCLUDED.job_uuid,
            derived_from = ARRAY(SELECT DISTINCT x COLLATE "C" FROM unnest(f.derived_from || EXCLUDED.derived_from) AS u(x) ORDER BY 1),
            derived_using = ARRAY(SELECT DISTINCT x COLLATE "C" FROM unnest(f.derived_using || EXCLUDED.derived_using) AS u(x) ORDER BY 1),
            hidden = EXCLUDED.hidden,
            indexed_at = EXCLUDED.indexed_at
        """;

    public static async Task UpsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ICollection<FileRow> rows,
        CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }
        await using var command = new NpgsqlCommand(UpsertSql, connection, transaction);
        Add(command, rows.Select(r => r.File.Uuid));
        Add(command, rows.Select(r => r.File.FileId));
        Add(command, rows.Select(r => r.File.Name));
        Add(command, rows.Select(r => r.File.StorageSystem));
        Add(command, rows.Select(r => r.File.Level));
        command.Parameters.Add(new NpgsqlParameter<long[]> { Value = rows.Select(r => r.File.Size).ToArray() });
        Add(command, rows.Select(r => r.File.Checksum));
        Add(command, rows.Select(r => r.JobUuid));
        Add(command, rows.Select(r => string.Join(',', r.File.DerivedFrom)));
        Add(command, rows.Select(r => string.Join(',', r.File.DerivedUsing)));
        command.Parameters.Add(new NpgsqlParameter<DateTime[]>
        {
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
            Value = rows.Select(r => r.IndexedAt.UtcDateTime).ToArray(),
        });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task SetHiddenAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string jobUuid, bool hidden,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("UPDATE files SET hidden = $2 WHERE job_uuid = $1 AND hidden <> $2", connection, transaction);
        command.Parameters.AddWithValue(jobUuid);
        command.Parameters.AddWithValue(hidden);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Add(NpgsqlCommand command, IEnumerable<string?> values) =>
        command.Parameters.Add(new NpgsqlParameter<string?[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = values.ToArray() });
}
