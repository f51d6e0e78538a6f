namespace Catalog.Webhooks.Http;

/// <summary>How request text is quoted back in an answer.</summary>
public static class RequestText
{
    public static string Clip(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
