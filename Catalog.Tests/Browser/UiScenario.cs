using System.Net;
using Catalog.Tests.Http;
using Newtonsoft.Json.Linq;
using static Catalog.Tests.Http.CatalogHostFixture;

namespace Catalog.Tests.Browser;

/// <summary>
/// What the page tests look at, made through the HTTP API as agents would: a pipeline, a group, a finished job with
/// measurements and an indexed file, a failed job, a job left CREATED (to move while a page watches it), and a job
/// whose pipeline, group, notes, tags, labels and owner carry script payloads.
/// </summary>
public sealed class UiScenario
{
    /// <summary>Each payload would set <c>window.__xss</c> or the document's title if a page ran it.</summary>
    public const string ImagePayload = "<img src=x onerror=\"window.__xss='img';document.title='pwned'\">";
    public const string ScriptPayload = "<script>window.__xss='script';document.title='pwned'</script>";

    public const string FinishedMeasurement = "measurement.tacc.0xA11CE";
    public const string PipelineName = "UI demo pipeline";

    private const string ArchivePatterns = """[{"patterns": [".txt$"], "level": "1"}]""";

    private readonly LiveCatalogFixture _catalog;

    private UiScenario(LiveCatalogFixture catalog) => _catalog = catalog;

    public string PipelineUuid { get; private set; } = "";
    public string GroupUuid { get; private set; } = "";
    public string GroupName { get; } = "ui-demo-batch";
    public ScenarioJob Finished { get; private set; } = null!;
    public ScenarioJob Failed { get; private set; } = null!;
    public ScenarioJob Waiting { get; private set; } = null!;
    public ScenarioJob Hostile { get; private set; } = null!;
    public string HostilePipelineUuid { get; private set; } = "";
    public string HostileGroupUuid { get; private set; } = "";
    public string FileName { get; private set; } = "";

    public static async Task<UiScenario> SeedAsync(LiveCatalogFixture catalog)
    {
        var scenario = new UiScenario(catalog);
        await scenario.SeedAsync();
        return scenario;
    }

    private async Task SeedAsync()
    {
        PipelineUuid = await PipelineAsync("tacc/ui-demo:1", PipelineName);
        GroupUuid = await GroupAsync(GroupName);

        Finished = await JobAsync(PipelineUuid, FinishedMeasurement, new JObject
        {
            ["owner"] = "alice", ["tags"] = new JArray("ui", "batch-1"), ["notes"] = "a finished run", ["labels"] = new JObject { ["lab"] = "tacc" },
        });
        await Finished.SendAsync("run");
        await Finished.SendAsync("measure", new JObject { ["od600"] = 0.42, ["verdict"] = "good" });
        await Finished.SendAsync("finish");
        FileName = Finished.Write("out/result.txt", "alpha\n");
        await Finished.IndexAsync();

        Failed = await JobAsync(PipelineUuid, "measurement.tacc.0xFA11ED", new JObject { ["owner"] = "bob", ["tags"] = new JArray("ui") });
        await Failed.SendAsync("run");
        await Failed.SendAsync("fail");

        Waiting = await JobAsync(PipelineUuid, "measurement.tacc.0xCAFE", new JObject { ["owner"] = "carol", ["tags"] = new JArray("later") });
        await MembersAsync(GroupUuid, Finished.Uuid, Failed.Uuid, Waiting.Uuid);

        HostilePipelineUuid = await PipelineAsync("tacc/hostile:1", $"{ImagePayload} pipeline");
        HostileGroupUuid = await GroupAsync($"{ScriptPayload} group");
        Hostile = await JobAsync(HostilePipelineUuid, "measurement.tacc.0xBAD", new JObject
        {
            ["owner"] = ImagePayload, ["tags"] = new JArray(ScriptPayload, "hostile"), ["notes"] = $"{ImagePayload} {ScriptPayload}",
            ["labels"] = new JObject { ["x"] = ImagePayload },
        });
        await Hostile.SendAsync("run");
        await Hostile.SendAsync("measure", new JObject { ["evil"] = ScriptPayload });
        await MembersAsync(HostileGroupUuid, Hostile.Uuid);
    }

    public async Task<string> PipelineAsync(string id, string name)
    {
        var (status, pipeline) = await _catalog.Client.PostAsync("/api/v1/pipelines",
            new JObject { ["id"] = id, ["name"] = name, ["components"] = new JArray() }.ToString(), AgentKey);
        Assert.True(status is HttpStatusCode.Created or HttpStatusCode.OK, $"pipeline: {status} {pipeline}");
        return (string)pipeline["uuid"]!;
    }

    private async Task<string> GroupAsync(string name)
    {
        var (status, group) = await _catalog.Client.PostAsync("/api/v1/groups",
            new JObject { ["name"] = name, ["kind"] = "parallel" }.ToString(), AgentKey);
        Assert.True(status is HttpStatusCode.Created or HttpStatusCode.OK, $"group: {status} {group}");
        return (string)group["uuid"]!;
    }

    private async Task MembersAsync(string group, params string[] jobs)
    {
        var (status, answer) = await _catalog.Client.PostAsync($"/api/v1/groups/{group}/members",
            new JObject { ["jobs"] = new JArray(jobs) }.ToString(), AgentKey);
        Assert.True(status == HttpStatusCode.OK, $"members: {status} {answer}");
    }

    /// <summary>A CREATED job of owner dave, of a pipeline of its own (the seeded lists stay as they are), for one test.</summary>
    public async Task<ScenarioJob> CreatedJobAsync(string measurement) =>
        await JobAsync(await PipelineAsync("tacc/ui-admin:1", "UI admin pipeline"), measurement, new JObject { ["owner"] = "dave" });

    public async Task<ScenarioJob> JobAsync(string pipeline, string measurement, JObject? extraMembers = null)
    {
        var body = new JObject
        {
            ["pipeline_uuid"] = pipeline, ["measurement_id"] = measurement, ["data"] = new JObject { ["run"] = Guid.NewGuid().ToString("N") },
            ["archive_patterns"] = JArray.Parse(ArchivePatterns),
        };
        body.Merge(extraMembers ?? []);
        var (status, job) = await _catalog.Client.PostAsync("/api/v1/jobs", body.ToString(), AgentKey);
        Assert.True(status == HttpStatusCode.Created, $"job: {status} {job}");
        return new ScenarioJob(_catalog, (string)job["uuid"]!, (string)job["token"]!, (string)job["archive_path"]!, (string)job["archive_system"]!);
    }
}

/// <summary>A job of the scenario with its token, to send its events and write its outputs.</summary>
public sealed record ScenarioJob(LiveCatalogFixture Catalog, string Uuid, string Token, string ArchivePath, string ArchiveSystem)
{
    public async Task SendAsync(string name, JObject? data = null)
    {
        var body = new JObject { ["name"] = name };
        if (data is not null)
        {
            body["data"] = data;
        }
        var (status, answer) = await Catalog.Client.PostAsync($"/api/v1/jobs/{Uuid}/events", body.ToString(),
            headers: new Dictionary<string, string> { ["X-Catalog-Token"] = Token });
        Assert.True(status == HttpStatusCode.OK, $"{name}: {status} {answer}");
    }

    /// <summary>Writes a file into the job's archive folder; answers its path as the catalog names it.</summary>
    public string Write(string relative, string content)
    {
        var path = Path.Combine(Catalog.StorageRoot, ArchiveSystem, ArchivePath.TrimStart('/'), relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return ArchivePath + "/" + relative;
    }

    public async Task IndexAsync()
    {
        var (status, answer) = await Catalog.Client.PostAsync($"/api/v1/jobs/{Uuid}/index", $$"""{"token": "{{Token}}"}""");
        Assert.True(status == HttpStatusCode.OK, $"index: {status} {answer}");
    }
}
