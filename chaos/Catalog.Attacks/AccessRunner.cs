using System.Text.Json.Nodes;

namespace Catalog.Attacks;

/// <summary>
/// Runs every row of <see cref="AccessMatrix"/> with every credential it lists, each cell on a fresh job whose token
/// was rotated once, and compares the status with the contract's.
/// </summary>
internal sealed class AccessRunner(CatalogHttp http, SetupCalls calls, AttackOptions options, AttackReport report)
{
    private const int Concurrency = 4;

    public async Task RunAsync(AccessFixture fixture, CancellationToken cancellationToken)
    {
        var cells = AccessMatrix.Rows.SelectMany(row => row.Expected.Statuses.Select(pair => (Row: row, Credential: pair.Key, Expected: pair.Value)))
            .ToList();
        Console.WriteLine($"access matrix: {AccessMatrix.Rows.Count} rows, {cells.Count} cells");
        await Parallel.ForEachAsync(cells, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (cell, ct) => await CheckAsync(fixture, cell.Row, cell.Credential, cell.Expected, ct));
    }

    private async Task CheckAsync(AccessFixture fixture, AccessRow row, Credential credential, int[] expected, CancellationToken cancellationToken)
    {
        var fresh = await calls.CreateJobAsync(fixture.PipelineUuid, cancellationToken);
        var rotated = await calls.RotateAsync(fresh, cancellationToken);
        var target = new AccessTarget(rotated, fresh.Token, fixture.Other.Token, fixture.PipelineUuid, fixture.UnknownFileUuid,
            fixture.ProjectionName, fixture.FreshJobSpec);
        await row.Prepare(target, calls, cancellationToken);
        var (method, path, body) = row.Request(target);
        var request = WithCredential(new AttackRequest(row.Route, credential.ToString(), method, path,
            body is null ? null : System.Text.Encoding.UTF8.GetBytes(body), body is null ? null : "application/json", []),
            credential, row.Carrier, target);
        var answer = await http.SendAsync(request, cancellationToken);
        report.AccessCheck();
        if (answer.Status >= 400 && !answer.IsProblem)
        {
            report.NonProblemAnswer($"{row.Name} with {credential} → {answer.Status} {answer.MediaType ?? "(no content type)"}");
        }
        if (!expected.Contains(answer.Status))
        {
            report.AccessFailure($"{row.Name} with {credential}: expected {string.Join(" or ", expected)}, got {answer.Status}"
                + (answer.Error is null ? "" : $" ({answer.Error})") + $" {Trim(answer.Body)}");
        }
    }

    private AttackRequest WithCredential(AttackRequest request, Credential credential, TokenCarrier carrier, AccessTarget target)
    {
        string? token = credential switch
        {
            Credential.OwnToken => target.Job.Token,
            Credential.OtherToken => target.OtherToken,
            Credential.RotatedToken => target.RotatedOut,
            _ => null,
        };
        if (token is not null)
        {
            return carrier switch
            {
                TokenCarrier.Query => request with
                {
                    PathAndQuery = request.PathAndQuery + (request.PathAndQuery.Contains('?') ? "&" : "?") + "token=" + Uri.EscapeDataString(token),
                },
                TokenCarrier.Body => WithBodyToken(request, token),
                _ => request with { Headers = [CatalogHttp.TokenHeader(token)] },
            };
        }
        return credential switch
        {
            Credential.AgentKey => request with { Headers = [CatalogHttp.Bearer(options.AgentKey)] },
            Credential.AdminKey => request with { Headers = [CatalogHttp.Bearer(options.AdminKey)] },
            Credential.UnknownKey => request with { Headers = [CatalogHttp.Bearer("attacks-unknown-" + options.Seed)] },
            _ => request,
        };
    }

    private static AttackRequest WithBodyToken(AttackRequest request, string token)
    {
        var body = request.Body is null ? new JsonObject() : JsonNode.Parse(request.Body)!.AsObject();
        body["token"] = token;
        return request with { Body = System.Text.Encoding.UTF8.GetBytes(body.ToJsonString()), ContentType = "application/json" };
    }

    private static string Trim(string body) => body.Length <= 300 ? body : body[..300] + "…";
}
