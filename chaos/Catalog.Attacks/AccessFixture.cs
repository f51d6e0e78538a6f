using System.Text.Json.Nodes;

namespace Catalog.Attacks;

/// <summary>What every access cell shares: a registered pipeline, another job (whose token is "another job's token"),
/// a well-formed file UUID that names no file, and a projection that exists.</summary>
internal sealed record AccessFixture(string PipelineUuid, JobHandle Other, string UnknownFileUuid, string ProjectionName,
    Func<string> FreshJobSpec)
{
    public static async Task<AccessFixture> CreateAsync(SetupCalls calls, ulong seed, CancellationToken cancellationToken)
    {
        var pipeline = await calls.CreatePipelineAsync($"access-{seed}", cancellationToken);
        var other = await calls.CreateJobAsync(pipeline, cancellationToken);
        var projections = await calls.GetAsync("/api/v1/admin/projections", cancellationToken);
        var list = projections is JsonArray array ? array : projections["items"]?.AsArray() ?? projections["projections"]?.AsArray();
        var name = list?.FirstOrDefault()?["name"]?.GetValue<string>()
            ?? throw new InvalidOperationException($"GET /api/v1/admin/projections names no projection: {projections.ToJsonString()}");
        var counter = 0;
        string Spec() => calls.JobSpec(pipeline, $"measurement.tacc.0x{seed:X8}FF{Interlocked.Increment(ref counter):X4}",
            1_000_000 + counter);
        return new AccessFixture(pipeline, other, TypedUuids.Unknown("105"), name, Spec);
    }
}
