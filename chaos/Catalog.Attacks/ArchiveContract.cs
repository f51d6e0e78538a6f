using System.Text.Json;
using System.Text.RegularExpressions;

namespace Catalog.Attacks;

/// <summary>
/// What openapi.json promises about the archive location of an accepted job or preview: an absolute archive path
/// without `.`/`..` segments, an archive system of letters, digits, `.`, `_`, `-`, and a session that is one path
/// segment. A hostile spec that gets past these would let indexing or a reset reach outside the storage root.
/// </summary>
internal static partial class ArchiveContract
{
    /// <summary>Null when the answer keeps the promises, else what it breaks.</summary>
    public static string? Broken(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            if (root.TryGetProperty("archive_path", out var path) && path.ValueKind == JsonValueKind.String
                && (!path.GetString()!.StartsWith('/') || path.GetString()!.Split('/').Any(s => s is "." or "..") || path.GetString()!.Any(char.IsControl)))
            {
                return $"archive_path {path.GetRawText()} is not absolute or has dot segments or control characters";
            }
            if (root.TryGetProperty("archive_system", out var system) && system.ValueKind == JsonValueKind.String
                && !SystemName().IsMatch(system.GetString()!))
            {
                return $"archive_system {system.GetRawText()} is not a plain name";
            }
            if (root.TryGetProperty("session", out var session) && session.ValueKind == JsonValueKind.String
                && (session.GetString() is "." or ".." || session.GetString()!.IndexOfAny(['/', '\\']) >= 0 || session.GetString()!.Any(char.IsControl)))
            {
                return $"session {session.GetRawText()} is not one path segment";
            }
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex SystemName();
}
