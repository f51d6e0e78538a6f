using Catalog.Core.Identifiers;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Catalog.Webhooks.Http;

/// <summary>
/// Reads a JSON request body with Newtonsoft so numbers keep their integer/float kind all the way to the
/// identifier hashes, refusing bodies over the size limit and answering what to fix when it does not parse or holds
/// text the catalog cannot store (U+0000, a lone surrogate: 422 naming the field, whatever the route).
/// </summary>
public static class JsonBody
{
    public const long MaxBytes = 1024 * 1024;

    /// <summary>
    /// How much of a body over the limit is read and thrown away before answering 413 (Kestrel's own limit is set just
    /// above it). An unread body makes Kestrel reset the connection, and a client still sending, or reusing the
    /// kept-alive connection for its next request, sees a broken connection instead of the 413.
    /// </summary>
    public const long DrainBytes = 8 * 1024 * 1024;

    public static async Task<(JToken? Body, BodyProblem? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return (null, await TooLargeAsync(request, cancellationToken));
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return (null, await TooLargeAsync(request, cancellationToken));
            }
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
        {
            return (null, null);
        }
        string text;
        try
        {
            text = new System.Text.UTF8Encoding(false, true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return (null, BodyProblem.Unprocessable("The body is not valid UTF-8."));
        }
        JToken body;
        try
        {
            body = PythonJson.Parse(text);
        }
        catch (JsonException ex)
        {
            return (null, BodyProblem.Unprocessable($"The body is not valid JSON: {ex.Message}"));
        }
        return StorableText.FirstUnstorable(body) is { } unstorable
            ? (null, BodyProblem.Unstorable(unstorable.Field, unstorable.Problem))
            : (body, null);
    }

    /// <summary>Drains what is left of an oversized body (up to <see cref="DrainBytes"/>) so the 413 reaches the client;
    /// beyond that the connection is closed after the answer rather than reset under the client's next request.</summary>
    private static async Task<BodyProblem> TooLargeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var drained = false;
        if (request.ContentLength is null or <= DrainBytes)
        {
            try
            {
                var chunk = new byte[64 * 1024];
                long total = 0;
                int read;
                while (total <= DrainBytes && (read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
                {
                    total += read;
                }
                drained = total <= DrainBytes;
            }
            catch (BadHttpRequestException)
            {
                // Past Kestrel's own limit: the connection cannot be kept.
            }
        }
        if (!drained)
        {
            request.HttpContext.Response.Headers.Connection = "close";
        }
        return BodyProblem.TooLarge(MaxBytes);
    }
}
