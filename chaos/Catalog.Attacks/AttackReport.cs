using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Catalog.Attacks;

/// <summary>
/// The counts the runner reads and every failure in words. Shared by the concurrent workers, hence the interlocked
/// counters; failures are printed as they happen so a long run shows them without waiting for the end.
/// </summary>
internal sealed class AttackReport
{
    private const int FailuresInJson = 40, FailuresOfAKindInJson = 10;
    private readonly ConcurrentQueue<(string Kind, string Line)> _failures = new();
    private readonly ConcurrentDictionary<string, int> _findingKinds = new(StringComparer.Ordinal);
    private long _hostileRequests, _serverErrors, _rejectedChanges, _accessChecks, _accessFailures;
    private long _innocentRequests, _innocentFailures, _rebuildRequests, _rebuildFailures, _rebuildsStarted, _rebuildOverlaps;
    private long _wallChecks, _wallFailures, _unstorableRequests, _unstorableNot422;
    private long _unstorableFieldUnnamed;
    private long _nonProblemAnswers, _undocumentedStatuses, _protocolRejections, _slowAnswers, _replayed, _accepted, _uncoveredRoutes, _integrityFailures;
    private readonly ConcurrentDictionary<int, long> _statuses = new();
    private readonly ConcurrentDictionary<string, double> _slowestByRoute = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Route, int Status), long> _routeStatuses = new();

    public long ServerErrors => Interlocked.Read(ref _serverErrors);
    public long RejectedChanges => Interlocked.Read(ref _rejectedChanges);
    public long AccessFailures => Interlocked.Read(ref _accessFailures);
    public long IntegrityFailures => Interlocked.Read(ref _integrityFailures);
    public long InnocentFailures => Interlocked.Read(ref _innocentFailures);
    public long RebuildFailures => Interlocked.Read(ref _rebuildFailures);
    public long WallFailures => Interlocked.Read(ref _wallFailures);
    public long UnstorableNot422 => Interlocked.Read(ref _unstorableNot422);

    /// <summary>What the exit code and the chaos runner's hostile part go by: every count that is a broken promise.</summary>
    public bool Clean => ServerErrors == 0 && RejectedChanges == 0 && AccessFailures == 0 && IntegrityFailures == 0
        && InnocentFailures == 0 && RebuildFailures == 0 && WallFailures == 0 && UnstorableNot422 == 0;

    public void Hostile(int status)
    {
        Interlocked.Increment(ref _hostileRequests);
        _statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
        if (status is >= 200 and < 300)
        {
            Interlocked.Increment(ref _accepted);
        }
    }

    /// <summary>Keeps each route's slowest answer: pattern evaluation must stay bounded by the catalog's timeout.</summary>
    public void Timed(string route, int status, TimeSpan elapsed)
    {
        _slowestByRoute.AddOrUpdate(route, elapsed.TotalMilliseconds, (_, max) => Math.Max(max, elapsed.TotalMilliseconds));
        _routeStatuses.AddOrUpdate((route, status), 1, (_, n) => n + 1);
    }

    /// <summary>Per route, how often each status came back: shows which handlers the hostile input really reached.</summary>
    public IEnumerable<string> RouteStatusLines() =>
        _routeStatuses.GroupBy(p => p.Key.Route).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"  {g.Key}: " + string.Join(", ", g.OrderBy(p => p.Key.Status).Select(p => $"{p.Key.Status}×{p.Value}")));

    public void Replayed() => Interlocked.Increment(ref _replayed);

    public void ServerError(string what) => Fail(ref _serverErrors, "server error", what);

    public void RejectedChange(string what) => Fail(ref _rejectedChanges, "rejected change", what);

    /// <summary>A state the contract rules out whatever the requests were (a purged job's rows still there).</summary>
    public void IntegrityFailure(string what) => Fail(ref _integrityFailures, "integrity", what);

    /// <summary>A valid request sent alongside hostile ones (issue 11, item 2).</summary>
    public void InnocentRequest() => Interlocked.Increment(ref _innocentRequests);

    public void InnocentFailure(string what) => Fail(ref _innocentFailures, "innocent request", what);

    /// <summary>A valid request sent while a projection rebuild was started or running (issue 11, item 3).</summary>
    public void RebuildRequest() => Interlocked.Increment(ref _rebuildRequests);

    public void RebuildFailure(string what) => Fail(ref _rebuildFailures, "during a rebuild", what);

    public void RebuildStarted() => Interlocked.Increment(ref _rebuildsStarted);

    /// <summary>A round of valid requests during which the projections route showed a rebuild running.</summary>
    public void RebuildOverlap() => Interlocked.Increment(ref _rebuildOverlaps);

    /// <summary>One look at the canaries outside the storage root and the other jobs' archives (issue 11, item 8).</summary>
    public void WallCheck() => Interlocked.Increment(ref _wallChecks);

    public void WallFailure(string what) => Fail(ref _wallFailures, "storage wall", what);

    /// <summary>A request whose only fault is unstorable text or a forged cursor (issue 11, item 9).</summary>
    public void UnstorableRequest() => Interlocked.Increment(ref _unstorableRequests);

    public void UnstorableNot422Answer(string what) => Fail(ref _unstorableNot422, "unstorable text not 422", what);

    /// <summary>A 422 for unstorable text whose problem does not name the poisoned field: a finding, since the
    /// contract promises the 422, and naming the field only in the issue.</summary>
    public void UnstorableFieldUnnamed(string what) => Finding(ref _unstorableFieldUnnamed, "422 not naming the field", what);

    public void AccessCheck() => Interlocked.Increment(ref _accessChecks);

    public void AccessFailure(string what) => Fail(ref _accessFailures, "access", what);

    /// <summary>A route of the served contract that the attacks do not cover: the access matrix is incomplete.</summary>
    public void UncoveredRoute(string route)
    {
        Interlocked.Increment(ref _uncoveredRoutes);
        AccessFailure($"{route}: in the served openapi.json but not covered by the attacks");
    }

    public void NonProblemAnswer(string what) => Finding(ref _nonProblemAnswers, "not problem+json", what);

    public void UndocumentedStatus(string what) => Finding(ref _undocumentedStatuses, "status not in the contract", what);

    /// <summary>Counted apart from the catalog's own answers: see <see cref="Answer.IsProtocolRejection"/>.</summary>
    public void ProtocolRejection(string what) => Finding(ref _protocolRejections, "refused by Kestrel before the catalog", what, print: false);

    public void SlowAnswer(string what) => Finding(ref _slowAnswers, "slow answer", what);

    public JsonObject ToJson()
    {
        var statuses = new JsonObject();
        foreach (var (status, count) in _statuses.OrderBy(pair => pair.Key))
        {
            statuses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = count;
        }
        return new JsonObject
        {
            ["hostile_requests"] = Interlocked.Read(ref _hostileRequests),
            ["server_errors"] = ServerErrors,
            ["rejected_changes"] = RejectedChanges,
            ["access_checks"] = Interlocked.Read(ref _accessChecks),
            ["access_failures"] = AccessFailures,
            ["integrity_failures"] = IntegrityFailures,
            ["innocent_requests"] = Interlocked.Read(ref _innocentRequests),
            ["innocent_failures"] = InnocentFailures,
            ["rebuild_requests"] = Interlocked.Read(ref _rebuildRequests),
            ["rebuild_failures"] = RebuildFailures,
            ["rebuilds_started"] = Interlocked.Read(ref _rebuildsStarted),
            ["rebuild_overlaps"] = Interlocked.Read(ref _rebuildOverlaps),
            ["wall_checks"] = Interlocked.Read(ref _wallChecks),
            ["wall_failures"] = WallFailures,
            ["unstorable_requests"] = Interlocked.Read(ref _unstorableRequests),
            ["unstorable_not_422"] = UnstorableNot422,
            ["unstorable_field_unnamed"] = Interlocked.Read(ref _unstorableFieldUnnamed),
            ["non_problem_answers"] = Interlocked.Read(ref _nonProblemAnswers),
            ["undocumented_statuses"] = Interlocked.Read(ref _undocumentedStatuses),
            ["protocol_rejections"] = Interlocked.Read(ref _protocolRejections),
            ["slow_answers"] = Interlocked.Read(ref _slowAnswers),
            ["accepted_hostile"] = Interlocked.Read(ref _accepted),
            ["replayed_requests"] = Interlocked.Read(ref _replayed),
            ["uncovered_routes"] = Interlocked.Read(ref _uncoveredRoutes),
            ["statuses"] = statuses,
            ["slowest_ms"] = new JsonObject(_slowestByRoute.OrderByDescending(p => p.Value).Take(5)
                .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Math.Round(p.Value)))),
            // The first few of each kind, so a flood of one kind does not hide the others.
            ["failures"] = new JsonArray(_failures.GroupBy(f => f.Kind).SelectMany(g => g.Take(FailuresOfAKindInJson))
                .Take(FailuresInJson).Select(f => (JsonNode?)f.Line).ToArray()),
        };
    }

    private void Fail(ref long counter, string kind, string what)
    {
        Interlocked.Increment(ref counter);
        Record(kind, what);
    }

    private void Finding(ref long counter, string kind, string what, bool print = true)
    {
        Interlocked.Increment(ref counter);
        // Findings repeat by the thousand in a long run; the first few of each kind say enough.
        if (_findingKinds.AddOrUpdate(kind, 1, (_, n) => n + 1) <= 10 && print)
        {
            Record(kind, what);
        }
    }

    private void Record(string kind, string what)
    {
        var line = $"{kind}: {what}";
        _failures.Enqueue((kind, line));
        Console.WriteLine($"  FAIL {line}");
    }
}
