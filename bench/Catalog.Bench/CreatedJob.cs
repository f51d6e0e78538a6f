namespace Catalog.Bench;

/// <summary>The answer to <c>POST /api/v1/jobs</c>: the status and, when it succeeded, the job's UUID and token.</summary>
internal sealed record CreatedJob(int Status, string? Uuid, string? Token)
{
    public bool Ok => Status is 200 or 201 && Uuid is not null && Token is not null;
}
