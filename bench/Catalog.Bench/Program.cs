using Catalog.Bench;

// build/bench starts PostgreSQL, builds the catalog and hands everything else to this tool; see bench/README.md.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"[bench] {ex.Message}");
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}
return await BenchRunner.RunAsync(options);
