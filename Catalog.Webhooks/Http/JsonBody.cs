using Catalog.Core.Identifiers;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Catalog.Webhooks.Http;

/// <summary>
/// Reads a JSON request body with Newtonsoft so numbers keep their integer/float kind all the way to the
/// identifier hashes, refusing bodies over the size limit and answering what to fix when it does not parse.
/// </summary>
public static class JsonBody
{
    public const long MaxBytes = 1024 * 1024;

    public static async Task<(JToken? Body, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return (null, Problems.TooLarge(MaxBytes));
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return (null, Problems.TooLarge(MaxBytes));
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
            return (null, Problems.Unprocessable("The body is not valid UTF-8."));
        }
        try
        {
            return (PythonJson.Parse(text), null);
        }
        catch (JsonException ex)
        {
            return (null, Problems.Unprocessable($"The body is not valid JSON: {ex.Message}"));
        }
    }
}
