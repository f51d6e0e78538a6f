using System.Text;

namespace Catalog.Attacks;

/// <summary>
/// One request as plain data, so it can be sent again (replays) and described in a failure line. <see cref="Route"/>
/// names the contract route it aims at (e.g. "POST /api/v1/jobs/{uuid}/events"), <see cref="Attack"/> what is wrong
/// with it.
/// </summary>
internal sealed record AttackRequest(
    string Route,
    string Attack,
    HttpMethod Method,
    string PathAndQuery,
    byte[]? Body,
    string? ContentType,
    IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>Set on requests whose text cannot be stored: what the contract answers them.</summary>
    public UnstorableExpectation? Unstorable { get; init; }

    /// <summary>GET and HEAD may never change anything, whatever they answer.</summary>
    public bool MayChange => Method != HttpMethod.Get && Method != HttpMethod.Head;

    public static AttackRequest Json(string route, string attack, HttpMethod method, string pathAndQuery, string? body,
        params KeyValuePair<string, string>[] headers) =>
        new(route, attack, method, pathAndQuery, body is null ? null : Encoding.UTF8.GetBytes(body),
            body is null ? null : "application/json", headers);

    public string Describe()
    {
        var body = Body is null ? "no body" : $"{Body.Length} bytes {ContentType ?? "(no content type)"}: {Preview(Body)}";
        return $"{Route} [{Attack}] {Method} {Shorten(PathAndQuery, 160)} ({body})";
    }

    private static string Preview(byte[] body) => Shorten(Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200)), 120);

    private static string Shorten(string text, int max)
    {
        var clean = new string(text.Select(c => char.IsControl(c) ? '·' : c).ToArray());
        return clean.Length <= max ? clean : clean[..max] + "…";
    }
}
