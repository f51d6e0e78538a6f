using System.Text.Json.Nodes;

namespace Catalog.Attacks;

/// <summary>
/// The well-formed calls that build what the attacks aim at (pipelines, jobs, rotated tokens). They must succeed as
/// the contract says; anything else stops the run, since every later check would rest on a broken fixture.
/// </summary>
internal sealed class SetupCalls(CatalogHttp http, AttackOptions options, TokenLedger tokens)
{
    private int _jobCounter;

    public async Task<string> CreatePipelineAsync(string name, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["id"] = $"attacks/{name}",
            ["name"] = name,
            ["components"] = new JsonArray(new JsonObject { ["name"] = "step", ["image"] = "attacks/step:1" }),
        };
        var answer = await ExpectAsync(AttackRequest.Json("POST /api/v1/pipelines", "setup", HttpMethod.Post,
            "/api/v1/pipelines", body.ToJsonString(), CatalogHttp.Bearer(options.AgentKey)), [200, 201], cancellationToken);
        return Field(answer, "uuid");
    }

    /// <summary>A new job (unique data, so always 201) with its token recorded in the ledger.</summary>
    public async Task<JobHandle> CreateJobAsync(string pipelineUuid, CancellationToken cancellationToken)
    {
        var (measurement, spec) = NextSpec(pipelineUuid);
        var answer = await ExpectAsync(AttackRequest.Json("POST /api/v1/jobs", "setup", HttpMethod.Post, "/api/v1/jobs",
            spec, CatalogHttp.Bearer(options.AgentKey)), [201], cancellationToken);
        return new JobHandle(Field(answer, "uuid"), tokens.Add(Field(answer, "token")), measurement, spec);
    }

    /// <summary>A creation body no earlier call of this run sent (a fresh measurement and counter), optionally with
    /// more members.</summary>
    public (string Measurement, string Spec) NextSpec(string pipelineUuid, JsonObject? more = null)
    {
        var n = Interlocked.Increment(ref _jobCounter);
        var measurement = $"measurement.tacc.0x{options.Seed:X8}{n:X6}";
        var body = JsonNode.Parse(JobSpec(pipelineUuid, measurement, n))!.AsObject();
        foreach (var (name, value) in more ?? new JsonObject())
        {
            body[name] = value?.DeepClone();
        }
        return (measurement, body.ToJsonString());
    }

    public string JobSpec(string pipelineUuid, string measurement, int n) => new JsonObject
    {
        ["pipeline_uuid"] = pipelineUuid,
        ["measurement_id"] = measurement,
        ["data"] = new JsonObject { ["seed"] = options.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), ["n"] = n, ["run"] = RunId },
    }.ToJsonString();

    /// <summary>Rotates the job's token with the admin route; answers the job with its new token.</summary>
    public async Task<JobHandle> RotateAsync(JobHandle job, CancellationToken cancellationToken)
    {
        var answer = await ExpectAsync(new AttackRequest("POST /api/v1/jobs/{uuid}/token", "setup", HttpMethod.Post,
            $"/api/v1/jobs/{job.Uuid}/token", null, null, [CatalogHttp.Bearer(options.AdminKey)]), [200], cancellationToken);
        return job with { Token = tokens.Add(Field(answer, "token")) };
    }

    public Task AdminAsync(string route, HttpMethod method, string path, string? body, int expected, CancellationToken cancellationToken) =>
        ExpectAsync(AttackRequest.Json(route, "setup", method, path, body, CatalogHttp.Bearer(options.AdminKey)), [expected], cancellationToken);

    public Task EventAsync(JobHandle job, string name, CancellationToken cancellationToken) =>
        ExpectAsync(AttackRequest.Json("POST /api/v1/jobs/{uuid}/events", "setup", HttpMethod.Post, $"/api/v1/jobs/{job.Uuid}/events",
            new JsonObject { ["name"] = name }.ToJsonString(), CatalogHttp.TokenHeader(job.Token)), [200], cancellationToken);

    public async Task<JsonNode> GetAsync(string path, CancellationToken cancellationToken)
    {
        var answer = await ExpectAsync(new AttackRequest(path, "setup", HttpMethod.Get, path, null, null,
            [CatalogHttp.Bearer(options.AdminKey)]), [200], cancellationToken);
        return JsonNode.Parse(answer.Body) ?? throw new InvalidOperationException($"GET {path}: empty answer");
    }

    /// <summary>Distinguishes the jobs of two runs over the same database, so creations stay creations.</summary>
    private static readonly string RunId = Guid.NewGuid().ToString("N")[..12];

    private async Task<Answer> ExpectAsync(AttackRequest request, int[] expected, CancellationToken cancellationToken)
    {
        var answer = await http.SendAsync(request, cancellationToken);
        if (!expected.Contains(answer.Status))
        {
            throw new InvalidOperationException(
                $"setup call failed: {request.Describe()} answered {answer.Status} {answer.Error} {answer.Body}");
        }
        return answer;
    }

    private static string Field(Answer answer, string name) =>
        JsonNode.Parse(answer.Body)?[name]?.GetValue<string>()
        ?? throw new InvalidOperationException($"setup answer without '{name}': {answer.Body}");
}
