namespace Catalog.Attacks;

/// <summary>
/// One row of the access matrix: a contract route, how to bring the fresh job into the state the row needs, the
/// request (method, path, JSON body or null) and the expected status per credential.
/// </summary>
internal sealed record AccessRow(
    string Route,
    string Variant,
    Func<AccessTarget, SetupCalls, CancellationToken, Task> Prepare,
    Func<AccessTarget, (HttpMethod Method, string Path, string? Body)> Request,
    AccessExpectation Expected,
    TokenCarrier Carrier = TokenCarrier.Header)
{
    public static Task Nothing(AccessTarget target, SetupCalls calls, CancellationToken cancellationToken) => Task.CompletedTask;

    public string Name => Variant.Length == 0 ? Route : $"{Route} ({Variant})";
}
