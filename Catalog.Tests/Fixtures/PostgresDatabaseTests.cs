using Npgsql;
using Xunit;

namespace Catalog.Tests.Fixtures;

[Trait("Category", "Database")]
public class PostgresDatabaseTests : IClassFixture<FreshDatabaseFixture>
{
    private readonly FreshDatabaseFixture _fixture;

    public PostgresDatabaseTests(FreshDatabaseFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task FreshDatabaseAnswersSelectOne()
    {
        await using var connection = new NpgsqlConnection(_fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select 1, current_database()", connection);
        await using var reader = await command.ExecuteReaderAsync();

        Assert.True(await reader.ReadAsync());
        Assert.Equal(1, reader.GetInt32(0));
        Assert.Equal(_fixture.DatabaseName, reader.GetString(1));
        Assert.StartsWith("t_fx_", _fixture.DatabaseName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachFreshDatabaseIsSeparateAndCanBeDropped()
    {
        var connectionString = await PostgresDatabase.CreateFreshDatabaseAsync("Other-Prefix");
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        Assert.Matches("^t_other_prefix_[0-9a-f]{8}$", name);
        Assert.NotEqual(_fixture.DatabaseName, name);

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("create table probe (id int)", connection);
            await create.ExecuteNonQueryAsync();
        }

        await PostgresDatabase.DropDatabaseAsync(connectionString);

        await using var admin = new NpgsqlConnection(_fixture.ConnectionString);
        await admin.OpenAsync();
        await using var exists = new NpgsqlCommand("select count(*) from pg_database where datname = @name", admin);
        exists.Parameters.AddWithValue("name", name);
        Assert.Equal(0L, (long)(await exists.ExecuteScalarAsync())!);
    }
}
