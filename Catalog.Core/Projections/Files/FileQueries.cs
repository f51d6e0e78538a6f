using Catalog.Core.Jobs;
using Catalog.Core.Queries;
using Newtonsoft.Json.Linq;
using Npgsql;

namespace Catalog.Core.Projections.Files;

/// <summary>Reads the <c>files</c> table: one file, a job's files by name, and which files are already indexed.</summary>
public sealed class FileQueries(NpgsqlDataSource dataSource)
{
    /// <summary>The list name carried by the cursors of a job's file list.</summary>
    public const string List = "job_files";

    private const string Columns =
        "uuid, file_id, name, storage_system, level, size, checksum, producers, derived_from, derived_using, removed_at";

    private const string RecordColumns =
        "file_uuid, file_id, name, storage_system, level, size, checksum, ARRAY[job_uuid], derived_from, derived_using, removed_at";

    /// <summary>The file record; null when there is none or its job is hidden and hidden ones were not asked for.</summary>
    public async Task<JObject?> GetAsync(string fileUuid, bool includeDeleted, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM files WHERE uuid = $1 AND ($2 OR NOT hidden)");
        command.Parameters.AddWithValue(fileUuid);
        command.Parameters.AddWithValue(includeDeleted);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>
    /// A page of the files the job indexed (as it recorded them), ordered by name (ties by UUID); the cursor names the
    /// last file, so it stays valid while other files are added. Null when there is no such job (or it is hidden).
    /// </summary>
    public async Task<Page?> ListAsync(string jobUuid, bool includeDeleted, PageRequest page, CancellationToken cancellationToken)
    {
        await using var job = dataSource.CreateCommand("SELECT 1 FROM job_documents WHERE uuid = $1 AND ($2 OR NOT deleted)");
        job.Parameters.AddWithValue(jobUuid);
        job.Parameters.AddWithValue(includeDeleted);
        if (await job.ExecuteScalarAsync(cancellationToken) is null)
        {
            return null;
        }
        await using var command = dataSource.CreateCommand($"""
            SELECT {RecordColumns} FROM file_records
            WHERE job_uuid = $1
                AND ($3::text IS NULL OR (name, file_uuid) > (SELECT a.name, a.file_uuid FROM file_records a WHERE a.file_uuid = $3 AND a.job_uuid = $1))
                AND ($2 OR NOT EXISTS (SELECT FROM files_hidden_jobs h WHERE h.job_uuid = $1))
            ORDER BY name, file_uuid LIMIT $4
            """);
        command.Parameters.AddWithValue(jobUuid);
        command.Parameters.AddWithValue(includeDeleted);
        command.Parameters.Add(new NpgsqlParameter<string?> { Value = page.After?.Key });
        command.Parameters.AddWithValue(page.Limit + 1);
        var rows = new List<JObject>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }
        return Page.Of(rows, page.Limit, row => row, row => new PageCursor(List, 0, (string)row["uuid"]!));
    }

    /// <summary>Which of <paramref name="uuids"/> are in the table (hidden or not).</summary>
    public async Task<IReadOnlySet<string>> ExistingAsync(IReadOnlyCollection<string> uuids, CancellationToken cancellationToken)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (uuids.Count == 0)
        {
            return found;
        }
        await using var command = dataSource.CreateCommand("SELECT uuid FROM files WHERE uuid = ANY($1)");
        command.Parameters.AddWithValue(uuids.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(reader.GetString(0));
        }
        return found;
    }

    /// <summary>The log position of the job's last event, to wait for the projection; null when it has none.</summary>
    public async Task<long?> LastPositionAsync(string jobUuid, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT max(position) FROM es.events WHERE stream_id = $1");
        command.Parameters.AddWithValue(jobUuid);
        return await command.ExecuteScalarAsync(cancellationToken) is long position ? position : null;
    }

    private static JObject Read(NpgsqlDataReader reader) => FileDocument.Of(new IndexedFile
    {
        Uuid = reader.GetString(0),
        FileId = reader.GetString(1),
        Name = reader.GetString(2),
        StorageSystem = reader.GetString(3),
        Level = reader.IsDBNull(4) ? null : reader.GetString(4),
        Size = reader.GetInt64(5),
        Checksum = reader.IsDBNull(6) ? null : reader.GetString(6),
        DerivedFrom = reader.GetFieldValue<string[]>(8),
        DerivedUsing = reader.GetFieldValue<string[]>(9),
    }, reader.GetFieldValue<string[]>(7), reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10));
}
