using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Catalog.Chaos;

/// <summary>
/// Background ingest that runs through the crash and outage parts: each agent creates a job, posts <c>run</c> and then
/// <c>update</c>s to it, and moves to a fresh job every <see cref="EventsPerJob"/> events (so no stream grows without
/// bound). Each event carries a unique marker as its <c>event_id</c> and in its data. Like a real agent, an agent
/// that gets no answer or a 5xx sends the very same event again until it is acknowledged, so across a crash the
/// catalog must recognise the repeat. Acknowledged markers are kept for the exactly-once check. Agents take turns at
/// the three ways of handing over the job token (<see cref="TokenChannel"/>).
/// </summary>
internal sealed class AgentLoad : IDisposable
{
    private const int EventsPerJob = 40;
    private readonly ChaosClient _client;
    private readonly string _pipelineUuid;
    private readonly string _tag;
    private readonly ConcurrentQueue<string> _acknowledged = new();
    private readonly ConcurrentQueue<string> _jobs = new();
    private readonly ConcurrentQueue<string> _rejections = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _agents;
    private long _acknowledgedCount;
    // Released once per acknowledgement, so a waiter wakes on progress instead of polling the count.
    private readonly SemaphoreSlim _progress = new(0);
    private long _retries;
    private long _rejectionCount;

    private AgentLoad(ChaosClient client, string pipelineUuid, string tag, int agents)
    {
        _client = client;
        _pipelineUuid = pipelineUuid;
        _tag = tag;
        _agents = Enumerable.Range(0, agents).Select(agent => Task.Run(() => RunAgentAsync(agent))).ToArray();
    }

    public int AgentCount => _agents.Length;

    public long Acknowledged => Interlocked.Read(ref _acknowledgedCount);

    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Answers an agent did not expect (a 4xx to a valid event): each one is a defect.</summary>
    public long Rejections => Interlocked.Read(ref _rejectionCount);

    public IReadOnlyCollection<string> RejectionExamples => _rejections;

    public IReadOnlyCollection<string> AcknowledgedMarkers => _acknowledged;

    public IReadOnlyCollection<string> Jobs => _jobs;

    public string Tag => _tag;

    public static AgentLoad Start(ChaosClient client, string pipelineUuid, string tag, int agents) =>
        new(client, pipelineUuid, tag, agents);

    /// <summary>Stops sending new events; requests under way finish (an event still unanswered is simply not acknowledged).</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_agents);
    }

    /// <summary>Waits until at least <paramref name="count"/> more events are acknowledged; false on timeout.</summary>
    public async Task<bool> WaitForProgressAsync(long count, TimeSpan timeout)
    {
        var target = Acknowledged + count;
        var deadline = DateTime.UtcNow + timeout;
        while (Acknowledged < target)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _progress.WaitAsync(left))
            {
                return Acknowledged >= target;
            }
        }
        return true;
    }

    private async Task RunAgentAsync(int agent)
    {
        for (var job = 0; !_stop.IsCancellationRequested; job++)
        {
            var created = await CreateJobAsync(agent, job);
            if (created is not var (uuid, token))
            {
                return;
            }
            _jobs.Enqueue(uuid);
            for (var seq = 0; seq < EventsPerJob && !_stop.IsCancellationRequested; seq++)
            {
                var marker = string.Create(CultureInfo.InvariantCulture, $"{_tag}-a{agent}-j{job}-e{seq}");
                var body = ChaosClient.EventBody(seq == 0 ? "run" : "update", marker);
                if (!await DeliverAsync(uuid, token, (TokenChannel)(agent % 3), marker, body))
                {
                    break;
                }
            }
        }
    }

    private async Task<(string Uuid, string Token)?> CreateJobAsync(int agent, int job)
    {
        var data = new JsonObject { ["chaos_load"] = _tag, ["agent"] = agent, ["job"] = job };
        for (var attempt = 0; !_stop.IsCancellationRequested; attempt++)
        {
            var (reply, uuid, token) = await _client.CreateJobAsync("load", _pipelineUuid, data, CancellationToken.None);
            if (uuid is not null && token is not null)
            {
                return (uuid, token);
            }
            if (reply.Status is > 0 and < 500)
            {
                Reject($"create job answered {reply.Status}: {reply.Body}");
                return null;
            }
            await BackOffAsync(attempt);
        }
        return null;
    }

    /// <summary>Sends one event until it is acknowledged; false when it was refused or the load stopped first.</summary>
    private async Task<bool> DeliverAsync(string uuid, string token, TokenChannel channel, string marker, byte[] body)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (attempt > 0)
            {
                Interlocked.Increment(ref _retries);
                if (_stop.IsCancellationRequested)
                {
                    return false;
                }
                await BackOffAsync(attempt);
            }
            var reply = await _client.PostEventAsync("load", uuid, token, body, channel, CancellationToken.None);
            if (reply.Ok)
            {
                _acknowledged.Enqueue(marker);
                Interlocked.Increment(ref _acknowledgedCount);
                _progress.Release();
                return true;
            }
            if (reply.Status is > 0 and < 500)
            {
                Reject($"event {marker} answered {reply.Status}: {reply.Body}");
                return false;
            }
        }
    }

    private void Reject(string what)
    {
        Interlocked.Increment(ref _rejectionCount);
        if (_rejections.Count < 10)
        {
            _rejections.Enqueue(what.Length > 400 ? what[..400] : what);
        }
    }

    private async Task BackOffAsync(int attempt)
    {
        try
        {
            await Task.Delay(Math.Min(500, 25 * (1 << Math.Min(attempt, 5))), _stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the caller notices and gives up.
        }
    }

    public void Dispose()
    {
        _stop.Dispose();
        _progress.Dispose();
    }
}
