namespace Catalog.Cli.Settings;

/// <summary>One named entry of the profile file: where a catalog is and the key to send it.</summary>
internal sealed record Profile(string Name, string? Url, string? Key);
