using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Xunit;

namespace Catalog.Tests.Fixtures;

/// <summary>
/// Access to the throwaway PostgreSQL cluster started by <c>./build/test</c>, which passes its connection
/// string in the environment variable <c>CATALOG_TEST_DB</c>.
/// </summary>
public static class PostgresDatabase
{
    public const string EnvironmentVariable = "CATALOG_TEST_DB";

    private const string AdminDatabase = "postgres";
    private const int MaxIdentifierLength = 63;

    /// <summary>The connection string of the test database <c>catalog_test</c> (from <c>CATALOG_TEST_DB</c>).</summary>
    public static string ConnectionString
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new InvalidOperationException(
                    $"The environment variable {EnvironmentVariable} is not set. The database tests need a PostgreSQL " +
                    "server: run them with ./build/test, which starts a throwaway cluster and sets " +
                    $"{EnvironmentVariable} (or set it to an Npgsql connection string of a superuser yourself).");
            }

            return value;
        }
    }

    /// <summary>
    /// Creates a new, empty database with a unique name (<c>t_&lt;prefix&gt;_&lt;8 hex&gt;</c>) on the test server
    /// and returns its connection string.
    /// </summary>
    public static async Task<string> CreateFreshDatabaseAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var name = NewDatabaseName(prefix);
        await using (var connection = await OpenAdminConnectionAsync(cancellationToken))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {QuoteIdentifier(name)}";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var builder = new NpgsqlConnectionStringBuilder(ConnectionString)
        {
            Database = name,
        };
        return builder.ConnectionString;
    }

    /// <summary>Drops the database of <paramref name="connectionString"/>, terminating its open connections.</summary>
    public static async Task DropDatabaseAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("The connection string names no database.", nameof(connectionString));
        }

        await using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var connection = await OpenAdminConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS {QuoteIdentifier(name)} WITH (FORCE)";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A unique database name: <c>t_</c>, the prefix reduced to [a-z0-9_], <c>_</c> and 8 random hex digits.</summary>
    public static string NewDatabaseName(string prefix)
    {
        var clean = new StringBuilder();
        foreach (var c in prefix.ToLowerInvariant())
        {
            clean.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' ? c : '_');
        }

        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var maxPrefix = MaxIdentifierLength - "t_".Length - "_".Length - suffix.Length;
        var body = clean.Length > maxPrefix ? clean.ToString(0, maxPrefix) : clean.ToString();
        return body.Length == 0 ? $"t_{suffix}" : $"t_{body}_{suffix}";
    }

    private static async Task<NpgsqlConnection> OpenAdminConnectionAsync(CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString)
        {
            Database = AdminDatabase,
            Pooling = false,
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static string QuoteIdentifier(string name)
    {
        return "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}

/// <summary>
/// xunit class fixture: one fresh, empty database per test class, dropped when the class is done.
/// Use <c>IClassFixture&lt;FreshDatabaseFixture&gt;</c>; derive from it to choose another name prefix.
/// </summary>
public class FreshDatabaseFixture : IAsyncLifetime
{
    private readonly string _prefix;
    private string? _connectionString;

    public FreshDatabaseFixture()
        : this("fx")
    {
    }

    protected FreshDatabaseFixture(string prefix)
    {
        _prefix = prefix;
    }

    /// <summary>The connection string of this fixture's database.</summary>
    public string ConnectionString =>
        _connectionString ?? throw new InvalidOperationException("The fresh database has not been created (yet).");

    /// <summary>The name of this fixture's database.</summary>
    public string DatabaseName => new NpgsqlConnectionStringBuilder(ConnectionString).Database!;

    public virtual async Task InitializeAsync()
    {
        _connectionString = await PostgresDatabase.CreateFreshDatabaseAsync(_prefix);
    }

    public virtual async Task DisposeAsync()
    {
        if (_connectionString is not null)
        {
            await PostgresDatabase.DropDatabaseAsync(_connectionString);
            _connectionString = null;
        }
    }
}
