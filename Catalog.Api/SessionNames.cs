namespace Catalog.Api;

/// <summary>Random adjective-animal session names (each word at most 8 letters), as python-datacatalog generates.</summary>
public static class SessionNames
{
    private static readonly string[] Adjectives =
    [
        "able", "amazing", "apparent", "bold", "brave", "calm", "careful", "clever", "cosmic", "crisp", "daring",
        "eager", "exact", "fair", "fluent", "gentle", "glad", "grand", "happy", "honest", "humble", "keen", "kind",
        "lively", "loyal", "lucid", "merry", "modest", "neat", "noble", "patient", "polite", "proud", "quick",
        "quiet", "rapid", "ready", "robust", "sensible", "sharp", "smart", "steady", "sunny", "superb", "swift",
        "tender", "tidy", "vivid", "warm", "wise", "witty", "zesty",
    ];

    private static readonly string[] Animals =
    [
        "adder", "alpaca", "badger", "beaver", "bison", "bobcat", "camel", "chamois", "cheetah", "condor", "cougar",
        "coyote", "crane", "dingo", "dolphin", "eagle", "egret", "falcon", "ferret", "finch", "gazelle", "gecko",
        "gibbon", "heron", "hornet", "ibex", "iguana", "impala", "jackal", "jaguar", "koala", "lemur", "lynx",
        "marmot", "marten", "mole", "moose", "narwhal", "ocelot", "osprey", "otter", "panda", "pelican", "puffin",
        "quail", "raven", "salmon", "seal", "sparrow", "tapir", "toucan", "walrus", "weasel", "wombat", "yak", "zebra",
    ];

    public static string Next() =>
        $"{Adjectives[Random.Shared.Next(Adjectives.Length)]}-{Animals[Random.Shared.Next(Animals.Length)]}";
}
