using System.Text.Json.Nodes;

namespace Catalog.Chaos;

/// <summary>Creates a job for a part and moves it to RUNNING, where it accepts any number of <c>update</c> events.</summary>
internal static class JobSetup
{
    public static async Task<(string Uuid, string Token)> RunningJobAsync(ChaosContext context, string part, string marker,
        CancellationToken cancellationToken)
    {
        var (reply, uuid, token) = await context.Client.CreateJobAsync(part, context.PipelineUuid,
            new JsonObject { ["chaos_job"] = marker }, cancellationToken);
        if (uuid is null || token is null)
        {
            throw new InvalidOperationException($"{part}: creating a job answered {reply.Status}: {reply.Body}");
        }
        var run = await context.Client.PostEventAsync(part, uuid, token, ChaosClient.EventBody("run", marker), cancellationToken);
        if (!run.Ok)
        {
            throw new InvalidOperationException($"{part}: 'run' answered {run.Status}: {run.Body}");
        }
        return (uuid, token);
    }
}
