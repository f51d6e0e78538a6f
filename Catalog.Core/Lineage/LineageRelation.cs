namespace Catalog.Core.Lineage;

/// <summary>
/// One of the six typed provenance relations of python-datacatalog, or the catalog's own <c>depends_on</c> (a job's
/// run waits for another job) and <c>member_of</c> (a job belongs to a group). An edge <c>from → to</c> reads "from &lt;relation&gt; to": a job is child_of a
/// measurement, a file is generated_by a job, a job depends_on another.
/// </summary>
public sealed class LineageRelation
{
    public static readonly LineageRelation ChildOf = new("child_of");
    public static readonly LineageRelation GeneratedBy = new("generated_by");
    public static readonly LineageRelation DerivedFrom = new("derived_from");
    public static readonly LineageRelation DerivedUsing = new("derived_using");
    public static readonly LineageRelation ActedOn = new("acted_on");
    public static readonly LineageRelation ActedUsing = new("acted_using");
    public static readonly LineageRelation DependsOn = new("depends_on");
    public static readonly LineageRelation MemberOf = new("member_of");

    public static IReadOnlyList<LineageRelation> All { get; } = [ChildOf, GeneratedBy, DerivedFrom, DerivedUsing, ActedOn, ActedUsing, DependsOn, MemberOf];

    private static readonly Dictionary<string, LineageRelation> _byWire = All.ToDictionary(r => r.Wire, StringComparer.Ordinal);

    private LineageRelation(string wire)
    {
        Wire = wire;
    }

    /// <summary>The snake_case name stored in <c>lineage_edges.relation</c> and answered on the wire.</summary>
    public string Wire { get; }

    /// <summary>The relation with this wire name; null when unknown.</summary>
    public static LineageRelation? FromWire(string? wire) =>
        wire is not null && _byWire.TryGetValue(wire, out var relation) ? relation : null;

    public override string ToString() => Wire;
}
