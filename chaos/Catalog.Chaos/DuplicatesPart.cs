using System.Globalization;

namespace Catalog.Chaos;

/// <summary>
/// Part 3: every event is delivered three times at once with the same event_id (an agent's retries racing each
/// other); each must be stored once, and every copy must be answered as a success.
/// </summary>
internal static class DuplicatesPart
{
    private const int Copies = 3;
    private const int EventsPerJob = 50;
    private const int Workers = 8;

    public static async Task RunAsync(ChaosContext context, CancellationToken cancellationToken)
    {
        var part = context.Results.Part("duplicates");
        var count = context.Options.Duplicates;
        var prefix = $"{context.Run}-dup-";
        var jobs = new List<(string Uuid, string Token)>();
        for (var j = 0; j * EventsPerJob < count; j++)
        {
            jobs.Add(await JobSetup.RunningJobAsync(context, "duplicates", $"{context.Run}-dupjob-{j}", cancellationToken));
        }
        var next = -1;
        long sent = 0, refused = 0;
        var examples = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                var (uuid, token) = jobs[i / EventsPerJob];
                var marker = prefix + i.ToString(CultureInfo.InvariantCulture);
                var body = ChaosClient.EventBody("update", marker);
                var replies = await Task.WhenAll(Enumerable.Range(0, Copies).Select(_ =>
                    context.Client.PostEventAsync("duplicates", uuid, token, body, cancellationToken)));
                Interlocked.Add(ref sent, Copies);
                foreach (var reply in replies.Where(r => !r.Ok))
                {
                    Interlocked.Increment(ref refused);
                    if (examples.Count < 3)
                    {
                        examples.Enqueue($"{marker} answered {reply.Status}: {reply.Body}");
                    }
                }
            }
        }, cancellationToken)));

        var counts = await context.Store.MarkerCountsAsync(prefix, cancellationToken);
        var extra = counts.Values.Sum(n => Math.Max(0, n - 1));
        var missing = count - counts.Count;
        context.Results.DuplicatesSent = sent;
        context.Results.DuplicatesStored = counts.Values.Sum();
        context.Results.DuplicatesExtraStored = extra;
        context.Results.DuplicatesMissing = missing;
        part.Check(extra == 0, $"{extra} extra copies were stored");
        part.Check(missing == 0, $"{missing} events were stored not at all");
        part.Check(refused == 0, $"{refused} deliveries were not answered with success, e.g. {string.Join(" | ", examples)}");
    }
}
