namespace Catalog.Bench;

/// <summary>One statement's share of PostgreSQL's execution time, from pg_stat_statements.</summary>
internal sealed record StatementStat(long Calls, double TotalMs, double MeanMs, long Rows, string Query);
