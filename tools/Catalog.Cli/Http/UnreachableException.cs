namespace Catalog.Cli.Http;

/// <summary>Nothing answered at the catalog's URL (refused, unknown host, no answer in time).</summary>
internal sealed class UnreachableException(Uri url, string reason) : Exception(reason)
{
    public string Line => $"cannot reach the catalog at {url.ToString().TrimEnd('/')}: {Message}";
}
