using System.Security.Cryptography;
using Catalog.Core.Jobs;
using Npgsql;

namespace Catalog.Core.JobCommands;

/// <summary>
/// The job-token HMAC key every node shares, created by the first node that needs it and read once per process.
/// </summary>
public sealed class JobTokenSecret(NpgsqlDataSource dataSource) : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private JobTokens? _tokens;

    public async Task<JobTokens> TokensAsync(CancellationToken cancellationToken)
    {
        if (_tokens is not null)
        {
            return _tokens;
        }
        await _lock.WaitAsync(cancellationToken);
        try
        {
            await using var command = dataSource.CreateCommand("""
                WITH created AS (
                    INSERT INTO catalog_secrets (name, value) VALUES ('job_token_hmac', $1) ON CONFLICT DO NOTHING RETURNING value
                )
                SELECT value FROM created UNION ALL SELECT value FROM catalog_secrets WHERE name = 'job_token_hmac'
                LIMIT 1
                """);
            command.Parameters.AddWithValue(RandomNumberGenerator.GetBytes(32));
            // A node that lost the race to create the secret may not see it in this statement's snapshot: ask again.
            var secret = await command.ExecuteScalarAsync(cancellationToken) ?? await command.ExecuteScalarAsync(cancellationToken);
            return _tokens = new JobTokens((byte[])secret!);
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose() => _lock.Dispose();
}
