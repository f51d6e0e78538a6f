using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace Catalog.Attacks;

/// <summary>Assembles one hostile request: keeps it within what Kestrel itself accepts, and puts the drawn credential
/// where it goes (bearer key; job token in the header, the query or the body).</summary>
internal sealed class HostileRequests(HostileWorld world, AttackOptions options)
{
    public AttackRequest Build(string route, HttpMethod method, string path, string query, byte[]? body, string attack, string? contentType,
        HostileCredential credential, TokenCarrier carrier, JobHandle? job, int pick, string? idempotencyKey)
    {
        var pathAndQuery = WithinRequestLine(query.Length == 0 ? path : path + (path.Contains('?') ? "&" + query[1..] : query));
        if (body is { Length: > KestrelRefusedBody } && KestrelRefusesTarget(pathAndQuery))
        {
            body = body[..KestrelRefusedBody];
            attack += ", body cut short";
        }
        var headers = new List<KeyValuePair<string, string>>();
        if (idempotencyKey is not null)
        {
            headers.Add(new("Idempotency-Key", idempotencyKey));
        }
        var events = world.EventTargets;
        var token = credential switch
        {
            HostileCredential.OwnToken => job?.Token ?? events[pick % events.Count].Token,
            HostileCredential.OtherToken => events[(events.ToList().FindIndex(j => j.Uuid == job?.Uuid) + 1 + pick % (events.Count - 1)) % events.Count].Token,
            HostileCredential.RotatedToken => world.RotatedOut[pick % world.RotatedOut.Count],
            _ => null,
        };
        switch (credential)
        {
            case HostileCredential.AdminKey: headers.Add(CatalogHttp.Bearer(options.AdminKey)); break;
            case HostileCredential.AgentKey: headers.Add(CatalogHttp.Bearer(options.AgentKey)); break;
            case HostileCredential.GarbageKey: headers.Add(new("Authorization", GarbageAuthorization(pick))); break;
        }
        if (token is not null)
        {
            if (carrier == TokenCarrier.Query)
            {
                pathAndQuery += (pathAndQuery.Contains('?') ? "&" : "?") + "token=" + HostileQuery.Encode(token);
            }
            else if (carrier == TokenCarrier.Body && body is { Length: > 2 and < 100_000 } && body[0] == '{')
            {
                body = Encoding.UTF8.GetBytes("{\"token\":" + HostileJson.JsonString(token) + "," + Encoding.UTF8.GetString(body, 1, body.Length - 1));
            }
            else
            {
                headers.Add(CatalogHttp.TokenHeader(token));
            }
        }
        return new AttackRequest(route, $"{attack}, {credential}", method, pathAndQuery, body, body is null ? null : contentType, headers);
    }

    /// <summary>
    /// Kestrel refuses a request line over 8 KiB itself, before any catalog code runs (and so without a problem body);
    /// such a URL tests the HTTP server, not the catalog, so it is cut short, never in the middle of an escape.
    /// </summary>
    private static string WithinRequestLine(string pathAndQuery)
    {
        const int Max = 6000;
        if (pathAndQuery.Length <= Max)
        {
            return pathAndQuery;
        }
        var cut = pathAndQuery[..Max];
        var percent = cut.LastIndexOf('%');
        return percent >= Max - 2 ? cut[..percent] : cut;
    }

    /// <summary>
    /// Kestrel refuses a request target holding an encoded NUL with an empty 400 and closes the connection without
    /// reading the body, so a client still sending the body may see a broken pipe: a property of the HTTP server, not
    /// of the catalog. Such requests keep a small body (the catalog never sees it anyway), and a broken connection on
    /// them is counted as Kestrel's refusal, not as a server error.
    /// </summary>
    private const int KestrelRefusedBody = 1024;

    public static bool KestrelRefusesTarget(string pathAndQuery)
    {
        var path = pathAndQuery.Split('?', 2)[0];
        return path.Contains("%00", StringComparison.Ordinal) || path.Any(char.IsControl);
    }

    public static readonly Gen<string?> Idempotency = Gen.Frequency(
        (6, Gen.Const<string?>((string?)null)),
        (1, HostileText.Any.Select(s => (string?)Ascii(s.Length > 400 ? s[..400] : s))));

    /// <summary>Header values must be printable ASCII for .NET to send them; the rest is replaced.</summary>
    private static string Ascii(string text) => new(text.Select(c => c is >= ' ' and < (char)127 or '\t' ? c : '?').ToArray());

    /// <summary>Authorization headers that are not a configured key, or a configured key mangled.</summary>
    private string GarbageAuthorization(int pick) => (pick % 8) switch
    {
        0 => "Bearer garbage-" + pick,
        1 => "Bearer ",
        2 => "Basic YWRtaW46YWRtaW4=",
        3 => "Bearer " + options.AdminKey + " " + options.AdminKey,
        4 => "Bearer " + options.AdminKey[..^1],
        5 => "Token " + options.AdminKey,
        6 => options.AdminKey,
        _ => "Bearer " + options.AgentKey + "x",
    };
}
