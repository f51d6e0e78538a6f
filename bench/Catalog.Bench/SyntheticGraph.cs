using System.Globalization;

namespace Catalog.Bench;

/// <summary>
/// A deterministic provenance graph of <c>jobs</c> jobs, computed on the fly from (seed, index) so that a million jobs
/// need no memory and every table can be written by its own COPY in parallel. Shape: a job is child_of one of
/// jobs/10 measurements, generated_by one of 20 pipelines, acted_on 1–2 output files of jobs among the 1,000 before
/// it (so chains run deep, as re-analyses of re-analyses do) and, three times in ten, acted_using one of 50 reference
/// files; each job writes two files, child_of and generated_by it, derived_from its inputs and derived_using its
/// reference. About 11 edges per job.
/// </summary>
internal sealed class SyntheticGraph(int jobs, int seed)
{
    public const int Pipelines = 20;
    public const int References = 50;
    public const int FilesPerJob = 2;
    private const int InputWindow = 1000;

    // Type prefixes of python-datacatalog's typed UUIDs.
    private const string JobPrefix = "107";
    private const string FilePrefix = "105";
    private const string MeasurementPrefix = "104";
    private const string PipelinePrefix = "106";
    private const string ReferencePrefix = "109";

    public int Jobs { get; } = jobs;

    public int Measurements { get; } = Math.Max(1, jobs / 10);

    public string Job(long index) => Uuid(JobPrefix, 1, index);

    public string File(long index) => Uuid(FilePrefix, 2, index);

    public string Measurement(long index) => Uuid(MeasurementPrefix, 3, index);

    public string Pipeline(long index) => Uuid(PipelinePrefix, 4, index);

    public string Reference(long index) => Uuid(ReferencePrefix, 5, index);

    public JobShape Shape(long job)
    {
        var state = Mix((ulong)seed * 0x9E3779B97F4A7C15UL ^ (ulong)job);
        int Next(int bound) => (int)((state = Mix(state)) % (ulong)bound);
        var pipeline = Next(Pipelines);
        var measurement = Next(Measurements);
        long[] inputs = [];
        if (job > 0)
        {
            var count = Next(2) + 1;
            var window = (int)Math.Min(job, InputWindow);
            inputs = Enumerable.Range(0, count)
                .Select(_ => (job - 1 - Next(window)) * FilesPerJob + Next(FilesPerJob))
                .Distinct()
                .ToArray();
        }
        var reference = Next(10) < 3 ? Next(References) : -1;
        return new JobShape(pipeline, measurement, inputs, reference);
    }

    /// <summary>
    /// A version-5-looking UUID whose first three digits are the type prefix; 125 random bits from (seed, kind, index)
    /// make collisions as unlikely as with real UUIDs.
    /// </summary>
    private string Uuid(string prefix, ulong kind, long index)
    {
        var high = Mix((ulong)seed ^ (kind << 56) ^ (ulong)index);
        var low = Mix(high ^ 0xD1B54A32D192ED03UL);
        Span<char> hex = stackalloc char[32];
        high.TryFormat(hex, out _, "x16", CultureInfo.InvariantCulture);
        low.TryFormat(hex[16..], out _, "x16", CultureInfo.InvariantCulture);
        prefix.CopyTo(hex);
        hex[12] = '5';
        hex[16] = "89ab"[hex[16] & 3];
        return string.Create(36, hex.ToString(), static (span, h) =>
        {
            h.AsSpan(0, 8).CopyTo(span);
            span[8] = '-';
            h.AsSpan(8, 4).CopyTo(span[9..]);
            span[13] = '-';
            h.AsSpan(12, 4).CopyTo(span[14..]);
            span[18] = '-';
            h.AsSpan(16, 4).CopyTo(span[19..]);
            span[23] = '-';
            h.AsSpan(20, 12).CopyTo(span[24..]);
        });
    }

    // SplitMix64's finaliser: cheap, and every input bit reaches every output bit.
    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
