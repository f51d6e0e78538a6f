using System.Net;
using Catalog.Api.Operations;
using Catalog.Core.EventStore;
using Catalog.Core.JobCommands;
using Catalog.Core.Indexing;
using Catalog.Tests.Http;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace Catalog.Tests.Indexing;

[Trait("Category", "Database")]
public sealed class LargeFolderTests(CatalogHostFixture host) : IClassFixture<CatalogHostFixture>
{
    private const int Files = 3000;

    [Fact]
    public async Task Given_thousands_of_files_then_they_are_recorded_in_batches_of_at_most_500_with_progress_logged_and_listed_page_by_page()
    {
        var job = await new IndexingScenario(host).FinishedJobAsync(productPatterns: "[]");
        for (var i = 0; i < Files; i++)
        {
            job.Write($"part-{i / 1000}/file-{i:D5}.txt", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var log = new LogLines();
        var indexing = new IndexingService(host.Services.GetRequiredService<JobService>(),
            host.Services.GetRequiredService<CatalogDatabase>().DataSource, host.StorageRoot, log);

        var state = await host.Services.GetRequiredService<JobService>().LoadAsync(job.Uuid, CancellationToken.None);
        var outcome = await indexing.IndexAsync(state, JobCaller.TokenHolder(state), null, null, fixity: false, CancellationToken.None);

        Assert.Equal(IndexingOutcomeKind.Indexed, outcome.Kind);
        Assert.Equal(Files, outcome.Count);
        Assert.Equal(Files, outcome.Files.Count);
        Assert.Equal(6, await job.EventCountAsync("job.files_indexed.v1"));
        Assert.Equal(0, await job.ScalarAsync(
            "SELECT count(*) FROM es.events WHERE stream_id = $1 AND event_type = 'job.files_indexed.v1' AND json_array_length((data::json)->'files') > 500",
            job.Uuid));
        Assert.Contains(log.Lines, line => line.StartsWith($"Indexed 1000 of {Files} files of job {job.Uuid}", StringComparison.Ordinal));
        Assert.Contains(log.Lines, line => line.StartsWith($"Indexed {Files} files of job {job.Uuid} in", StringComparison.Ordinal));

        await job.CatchUpAsync();
        var names = new List<string>();
        var path = $"/api/v1/jobs/{job.Uuid}/files?limit=1000";
        for (var next = (string?)path; next is not null;)
        {
            var (status, page) = await host.Client.SendAsync(HttpMethod.Get, next);
            Assert.Equal(HttpStatusCode.OK, status);
            names.AddRange(page["items"]!.Select(f => (string)f["name"]!));
            next = page["next"]?.Type == JTokenType.String ? $"{path}&after={page["next"]}" : null;
        }
        Assert.Equal(Files, names.Count);
        Assert.Equal(Files, names.Distinct().Count());
    }

    [Fact]
    public async Task Given_a_cap_on_listed_files_then_the_answer_counts_them_all_and_says_the_list_is_cut()
    {
        var job = await new IndexingScenario(host).FinishedJobAsync(productPatterns: "[]");
        for (var i = 0; i < 30; i++)
        {
            job.Write($"f{i:D2}.txt", "x");
        }
        var indexing = new IndexingService(host.Services.GetRequiredService<JobService>(),
            host.Services.GetRequiredService<CatalogDatabase>().DataSource, host.StorageRoot, new LogLines(),
            new IndexingOptions { BatchSize = 7, MaxListedFiles = 10 });

        var state = await host.Services.GetRequiredService<JobService>().LoadAsync(job.Uuid, CancellationToken.None);
        var outcome = await indexing.IndexAsync(state, JobCaller.Admin, null, null, fixity: false, CancellationToken.None);

        Assert.Equal(30, outcome.Count);
        Assert.Equal(10, outcome.Files.Count);
        Assert.Equal(5, await job.EventCountAsync("job.files_indexed.v1"));
    }
}
