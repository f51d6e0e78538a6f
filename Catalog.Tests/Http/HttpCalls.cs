using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Catalog.Tests.Http;

/// <summary>Small request helpers: send JSON with an optional bearer key and headers, read JSON back.</summary>
public static class HttpCalls
{
    public static async Task<(HttpStatusCode Status, JToken Body)> SendAsync(this HttpClient client, HttpMethod method, string path,
        string? json = null, string? key = null, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? new JObject() : JToken.Parse(text));
    }

    public static Task<(HttpStatusCode Status, JToken Body)> PostAsync(this HttpClient client, string path, string? json = null,
        string? key = null, IDictionary<string, string>? headers = null) =>
        client.SendAsync(HttpMethod.Post, path, json, key, headers);
}
