using System.Text.Json;
using CsCheck;

namespace Catalog.Attacks;

/// <summary>
/// Sends the N generated requests in batches, eight at a time, and holds the database to account: a batch in which
/// nothing that may change anything was accepted must leave the database exactly as it found it; in a batch with
/// accepted changes every refused request is sent again alone between two snapshots, and must change nothing. The
/// companions (valid traffic, rebuilds) send at the same moments as each batch; their writes count as accepted changes.
/// </summary>
internal sealed class HostileRun(CatalogHttp http, DatabaseProbe probe, AttackReport report, TokenLedger tokens, ContractStatuses? contract,
    IReadOnlyList<IBatchCompanion> companions)
{
    private const int Concurrency = 8;
    public const int BatchSize = 64;
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(10);

    /// <summary>An endless stream of requests drawn from <paramref name="generator"/>, reproducible from the seed.</summary>
    public static IEnumerable<AttackRequest> Drawn(Gen<AttackRequest> generator, ulong seed)
    {
        var pcg = new PCG(1, seed);
        while (true)
        {
            yield return generator.Generate(pcg, null, out _);
        }
    }

    public async Task RunAsync(IEnumerable<AttackRequest> requests, int count, string label, CancellationToken cancellationToken)
    {
        using var source = requests.GetEnumerator();
        var before = await probe.SnapshotAsync(cancellationToken);
        var sent = 0;
        var nextProgress = 0;
        while (sent < count)
        {
            var batch = new AttackRequest[Math.Min(BatchSize, count - sent)];
            for (var i = 0; i < batch.Length; i++)
            {
                batch[i] = source.MoveNext() ? source.Current : throw new InvalidOperationException($"{label}: fewer requests than {count}");
            }
            var answers = new Answer[batch.Length];
            var hostile = Parallel.ForEachAsync(Enumerable.Range(0, batch.Length),
                new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
                async (i, ct) => answers[i] = await SendAsync(batch[i], ct));
            var alongside = companions.Select(c => c.AccompanyAsync(hostile, cancellationToken)).ToArray();
            await hostile;
            var companionsWrote = (await Task.WhenAll(alongside)).Any(wrote => wrote);
            var after = await probe.SnapshotAsync(cancellationToken);
            var changed = companionsWrote || Enumerable.Range(0, batch.Length).Any(i => batch[i].MayChange && Changes(answers[i]));
            if (!changed)
            {
                var diff = before.Diff(after);
                if (diff.Length > 0)
                {
                    await BlameAsync(batch, answers, diff, cancellationToken);
                    after = await probe.SnapshotAsync(cancellationToken);
                }
            }
            else
            {
                after = await ReplayRefusedAsync(batch, answers, cancellationToken) ?? after;
            }
            before = after;
            sent += batch.Length;
            if (sent >= nextProgress)
            {
                Console.WriteLine($"{label}: {sent}/{count} sent, {report.ServerErrors} server errors, {report.RejectedChanges} rejected changes");
                nextProgress += Math.Max(BatchSize, count / 20);
            }
        }
    }

    /// <summary>An answer that may have changed something: a 2xx, or the contract's one partial 422 (indexing
    /// interrupted after `index` was recorded, answered with `count`).</summary>
    private static bool Changes(Answer answer) =>
        answer.IsSuccess || answer.Status == 422 && answer.Body.Contains("\"count\"", StringComparison.Ordinal);

    // A target Kestrel refuses (an encoded NUL) is answered 400 and the connection closed before the body is read; a
    // client still writing the body then sees the connection break instead of the 400. No catalog code ran.
    private static bool ClosedByKestrelRefusal(AttackRequest request, Answer answer) =>
        answer.Status == 0 && HostileRequests.KestrelRefusesTarget(request.PathAndQuery)
        && answer.Error is { } error
        && (error.Contains("Broken pipe", StringComparison.Ordinal) || error.Contains("reset", StringComparison.OrdinalIgnoreCase));

    private async Task<Answer> SendAsync(AttackRequest request, CancellationToken cancellationToken)
    {
        var answer = await http.SendAsync(request, cancellationToken);
        report.Hostile(answer.Status);
        report.Timed(request.Route, answer.Status, answer.Elapsed);
        if (answer.IsServerError && !ClosedByKestrelRefusal(request, answer))
        {
            report.ServerError($"{request.Describe()} → {answer.Status} {answer.Error} {Trim(answer.Body)}");
        }
        else if (answer.IsProtocolRejection || ClosedByKestrelRefusal(request, answer))
        {
            report.ProtocolRejection($"{request.Describe()} → {answer.Status}");
        }
        else if (answer.Status >= 400 && !answer.IsProblem)
        {
            report.NonProblemAnswer($"{request.Describe()} → {answer.Status} {answer.MediaType ?? "(no content type)"} {Trim(answer.Body)}");
        }
        if (request.Unstorable is { } unstorable)
        {
            report.UnstorableRequest();
            if (!unstorable.Accepts(answer.Status) && !answer.IsProtocolRejection && !ClosedByKestrelRefusal(request, answer))
            {
                // The whole request, so it can be sent again by hand: these bodies are small and their escapes are plain text.
                var body = request.Body is null ? "" : " " + System.Text.Encoding.UTF8.GetString(request.Body);
                report.UnstorableNot422Answer($"{request.Route} field '{unstorable.Field}' ({request.Attack}): {request.Method} {request.PathAndQuery}{(body.Length <= 1500 ? body : body[..1500] + "…")} → {answer.Status} {Trim(answer.Body)}");
            }
            else if (answer.Status == 422 && unstorable.NamedField is { } named && !answer.Body.Contains(named, StringComparison.Ordinal))
            {
                report.UnstorableFieldUnnamed($"{request.Describe()} → 422 without naming '{named}': {Trim(answer.Body)}");
            }
        }
        if (contract?.Undocumented(request, answer) is { } undocumented)
        {
            report.UndocumentedStatus($"{request.Describe()} → {undocumented}: {Trim(answer.Body)}");
        }
        if (answer.Elapsed > Slow)
        {
            report.SlowAnswer($"{request.Describe()} → {answer.Status} after {answer.Elapsed.TotalSeconds:F1} s");
        }
        if (answer.IsSuccess)
        {
            CollectToken(answer.Body);
            if (request.Route is "POST /api/v1/jobs" or "POST /api/v1/jobs/preview" && ArchiveContract.Broken(answer.Body) is { } broken)
            {
                report.AccessFailure($"{request.Describe()} → {answer.Status} accepted an archive location the contract forbids: {broken}");
            }
        }
        return answer;
    }

    /// <summary>Tokens handed out by accepted creations and rotations join the ledger of secrets to look for in logs.</summary>
    private void CollectToken(string body)
    {
        if (!body.Contains("\"token\"", StringComparison.Ordinal))
        {
            return;
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("token", out var token) && token.ValueKind == JsonValueKind.String)
            {
                tokens.Add(token.GetString()!);
            }
        }
        catch (JsonException)
        {
            // Truncated or not JSON: the token, if any, cannot be read back.
        }
    }

    /// <summary>Sends every refused request that may change something again, one at a time between snapshots.</summary>
    private async Task<DbSnapshot?> ReplayRefusedAsync(AttackRequest[] batch, Answer[] answers, CancellationToken cancellationToken)
    {
        DbSnapshot? last = null;
        for (var i = 0; i < batch.Length; i++)
        {
            if (!batch[i].MayChange || Changes(answers[i]))
            {
                continue;
            }
            last = await ReplayOneAsync(batch[i], last, cancellationToken);
        }
        return last;
    }

    private async Task<DbSnapshot> ReplayOneAsync(AttackRequest request, DbSnapshot? before, CancellationToken cancellationToken)
    {
        before ??= await probe.SnapshotAsync(cancellationToken);
        report.Replayed();
        var answer = await http.SendAsync(request, cancellationToken);
        var after = await probe.SnapshotAsync(cancellationToken);
        if (answer.IsServerError)
        {
            report.ServerError($"(replay) {request.Describe()} → {answer.Status} {answer.Error} {Trim(answer.Body)}");
        }
        if (!Changes(answer) && before.Diff(after) is { Length: > 0 } diff)
        {
            report.RejectedChange($"{request.Describe()} → {answer.Status} but changed {diff}: {Trim(answer.Body)}");
        }
        return after;
    }

    /// <summary>A refused-only batch changed the database: find the request that did it by sending each again.</summary>
    private async Task BlameAsync(AttackRequest[] batch, Answer[] answers, string diff, CancellationToken cancellationToken)
    {
        var before = report.RejectedChanges;
        DbSnapshot? last = null;
        foreach (var request in batch.Where(r => r.MayChange))
        {
            last = await ReplayOneAsync(request, last, cancellationToken);
        }
        if (report.RejectedChanges == before)
        {
            var statuses = string.Join(",", answers.Select(a => a.Status).Distinct().Order());
            report.RejectedChange($"a batch of {batch.Length} refused requests (statuses {statuses}) changed {diff}; no single request repeats it");
        }
    }

    private static string Trim(string body) => body.Length <= 300 ? body : body[..300] + "…";
}
