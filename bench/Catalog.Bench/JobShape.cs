namespace Catalog.Bench;

/// <summary>
/// One synthetic job of the provenance graph: its pipeline, its measurement, the output files of earlier jobs it read
/// (global file indexes) and the reference it used (-1 for none). It writes two output files, 2j and 2j+1.
/// </summary>
internal readonly record struct JobShape(int Pipeline, int Measurement, long[] Inputs, int Reference);
