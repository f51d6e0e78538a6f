using Newtonsoft.Json.Linq;

namespace Catalog.Core.Identifiers;

/// <summary>
/// child_of resolution at job creation (ManagedPipelineJob.__init__ and Manager.self_from_ids) without a metadata
/// database: an item is a typed UUID, taken as is, or a canonical identifier whose UUID is the TypedUUID of its text.
/// </summary>
public static class Linkage
{
    /// <summary>The metadata arguments in precedence order; the first one present is used and the others ignored.</summary>
    public static IReadOnlyList<string> MetadataArgumentNames { get; } =
        ["experiment_design_id", "experiment_id", "sample_id", "measurement_id"];

    private static readonly UuidType[] _identifierTypes =
        [UuidType.ExperimentDesign, UuidType.Experiment, UuidType.Sample, UuidType.Measurement];

    /// <summary>
    /// One item: a string whose first three characters are a type prefix must be a valid UUID (returned lower-case,
    /// dashed); otherwise it must read <c>&lt;type&gt;.&lt;rest&gt;</c> with type experiment_design, experiment, sample or
    /// measurement, e.g. <c>measurement.tacc.0xDEADBEEF</c>.
    /// </summary>
    public static IdentifierResolution ResolveIdentifier(string? item)
    {
        if (item is null)
        {
            return new IdentifierResolution.Rejected("An identifier must be a string, not null.");
        }

        var prefixType = UuidType.Classify(item);
        if (prefixType is not null)
        {
            return TypedUuid.TryParse(item, out var uuid) && UuidType.Classify(uuid) is { } type
                ? new IdentifierResolution.Resolved(uuid, type)
                : new IdentifierResolution.Rejected($"'{item}' starts like a {prefixType.Name} UUID but is not a valid UUID.");
        }

        var dot = item.IndexOf('.');
        var identifierType = dot > 0 && dot < item.Length - 1
            ? Array.Find(_identifierTypes, t => string.CompareOrdinal(t.Name, 0, item, 0, dot) == 0 && t.Name.Length == dot)
            : null;
        return identifierType is null
            ? new IdentifierResolution.Rejected(
                $"'{item}' is neither a typed UUID nor an experiment_design, experiment, sample or measurement identifier.")
            : new IdentifierResolution.Resolved(TypedUuid.Create(identifierType, item), identifierType);
    }

    /// <summary>
    /// An explicit child_of list: every item resolved, duplicates removed, sorted. Types may be mixed; empty is allowed.
    /// </summary>
    public static LinkageResult ResolveChildOf(IEnumerable<string> childOf)
    {
        ArgumentNullException.ThrowIfNull(childOf);
        return Resolve(childOf, singleType: false);
    }

    /// <summary>
    /// self_from_ids(enforce_type=True): like <see cref="ResolveChildOf"/> but all items must resolve to one type and at
    /// least one item is required.
    /// </summary>
    public static LinkageResult ResolveIdentifiers(IEnumerable<string> identifiers)
    {
        ArgumentNullException.ThrowIfNull(identifiers);
        return Resolve(identifiers, singleType: true);
    }

    /// <summary>
    /// The job's child_of from the first non-null of the four metadata arguments (each a string or a list of strings);
    /// none given resolves to an empty list.
    /// </summary>
    public static LinkageResult FromMetadataIds(JToken? experimentDesignId, JToken? experimentId, JToken? sampleId, JToken? measurementId)
    {
        JToken?[] values = [experimentDesignId, experimentId, sampleId, measurementId];
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if (value is null || value.Type == JTokenType.Null)
            {
                continue;
            }

            var items = StringItems(value);
            return items is null
                ? new LinkageResult.Rejected($"{MetadataArgumentNames[i]} must be a string or a list of strings.")
                : ResolveIdentifiers(items);
        }

        return new LinkageResult.Resolved([]);
    }

    /// <summary><see cref="FromMetadataIds(JToken?, JToken?, JToken?, JToken?)"/> reading the arguments from an object.</summary>
    public static LinkageResult FromMetadataIds(JObject arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return FromMetadataIds(
            arguments[MetadataArgumentNames[0]], arguments[MetadataArgumentNames[1]],
            arguments[MetadataArgumentNames[2]], arguments[MetadataArgumentNames[3]]);
    }

    private static LinkageResult Resolve(IEnumerable<string> items, bool singleType)
    {
        var uuids = new SortedSet<string>(StringComparer.Ordinal);
        var types = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            switch (ResolveIdentifier(item))
            {
                case IdentifierResolution.Resolved resolved:
                    uuids.Add(resolved.Uuid);
                    types.Add(resolved.Type.Name);
                    break;
                case IdentifierResolution.Rejected rejected:
                    return new LinkageResult.Rejected(rejected.Error);
            }
        }

        if (singleType && types.Count > 1)
        {
            return new LinkageResult.Rejected(
                $"Cannot resolve a list of identifiers with mixed types ({string.Join(", ", types)}).");
        }

        if (singleType && uuids.Count == 0)
        {
            return new LinkageResult.Rejected("Unable to resolve any identifiers to UUIDs.");
        }

        return new LinkageResult.Resolved([.. uuids]);
    }

    private static List<string>? StringItems(JToken value)
    {
        if (value is JValue { Type: JTokenType.String } single)
        {
            return [(string)single.Value!];
        }

        if (value is not JArray array || array.Any(t => t.Type != JTokenType.String))
        {
            return null;
        }

        return array.Select(t => (string)t!).ToList();
    }
}
