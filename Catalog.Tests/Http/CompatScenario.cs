using System.Net.Http.Headers;
using System.Net;
using System.Text;
using Catalog.Core.EventStore;
using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Catalog.Tests.Jobs;
using Newtonsoft.Json.Linq;
using Npgsql;
using Store = Catalog.Core.EventStore.EventStore;

namespace Catalog.Tests.Http;

/// <summary>Jobs made through the job service on the host's database, and calls to the compatibility webhook as curl makes them.</summary>
public sealed class CompatScenario(CatalogHostFixture host) : IAsyncDisposable
{
    public const string Route = "/api/v1/webhooks/jobs";

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(host.ConnectionString);
    private JobService? _jobs;

    public JobService Jobs => _jobs ??= new JobService(new Store(_dataSource), TimeProvider.System);

    public async Task<(string Uuid, string Token)> CreatedJobAsync()
    {
        var spec = JobSpecs.Unique();
        await Jobs.CreateAsync(spec, CancellationToken.None);
        return (spec.Uuid, (await Jobs.TokenAsync(spec.Uuid, CancellationToken.None))!);
    }

    public async Task<(string Uuid, string Token)> RunningJobAsync()
    {
        var (uuid, token) = await CreatedJobAsync();
        var outcome = await Jobs.HandleAsync(uuid, new JobCommand.Send("run", null), false, token, null, CancellationToken.None);
        Assert.Equal(JobOutcomeKind.Appended, outcome.Kind);
        return (uuid, token);
    }

    /// <summary>The job's last history entry, read back from the stored document.</summary>
    public async Task<JObject> LastHistoryAsync(string uuid)
    {
        var document = await Jobs.ReadDocumentAsync(uuid, includeDeleted: true, CancellationToken.None);
        return (JObject)((JArray)document!["history"]!).Last!;
    }

    public async Task<long> VersionAsync(string uuid) => (await Jobs.LoadAsync(uuid, CancellationToken.None)).Version;

    /// <summary>Posts like <c>curl -X POST '&lt;url&gt;'</c>: no body and no content type unless given.</summary>
    public async Task<(HttpStatusCode Status, JObject Body)> PostAsync(string query, string? body = null,
        string? contentType = "application/json", IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Route + query);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        var response = await host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? new JObject() : JObject.Parse(text));
    }

    /// <summary>An Aloe job record as the jobs service posts it (the reactor's fixture plus the Aloe-only keys).</summary>
    public static JObject AloeRecord(string status) => new()
    {
        ["id"] = "6874237679603805720-242ac11b-0001-007",
        ["name"] = "fresh-yak",
        ["owner"] = "sd2eadm",
        ["appId"] = "fcs-etl-0.3.6u12",
        ["executionSystem"] = "hpc-tacc-jetstream",
        ["archivePath"] = "/biofab/yeast-gates/aq_10545/3/processed/fcs-etl-0.3.6u12/fresh-yak",
        ["archiveSystem"] = "data-sd2e-community",
        ["status"] = status,
        ["tenantId"] = "sd2e",
        ["tenantQueue"] = "aloe.jobq.sd2e.submit.DefaultQueue",
        ["nodeCount"] = 1,
        ["memoryPerNode"] = 1.5,
        ["retries"] = 0,
        ["localId"] = "1264",
        ["parameters"] = new JObject { ["CONTAINER_IMAGE"] = new JArray("sd2e/fcs-etl:0.4.1") },
        ["_links"] = new JObject { ["self"] = new JObject { ["href"] = "https://api.sd2e.org/jobs/v2/6874237679603805720-242ac11b-0001-007" } },
    };

    public async ValueTask DisposeAsync() => await _dataSource.DisposeAsync();
}
