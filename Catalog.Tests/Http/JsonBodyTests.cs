using Catalog.Webhooks.Http;
using Microsoft.AspNetCore.Http;

namespace Catalog.Tests.Http;

/// <summary>
/// A body over the limit is read to its end before the 413, so the client that is still sending it (or that reuses
/// the kept-alive connection) receives the answer instead of a reset connection.
/// </summary>
public sealed class JsonBodyTests
{
    [Fact]
    public async Task Given_a_body_over_the_limit_when_read_then_413_and_the_body_was_drained()
    {
        var body = new MemoryStream(new byte[JsonBody.MaxBytes + 500_000]);
        var context = new DefaultHttpContext();
        context.Request.Body = body;
        context.Request.ContentLength = body.Length;

        var (json, problem) = await JsonBody.ReadAsync(context.Request, CancellationToken.None);

        Assert.Null(json);
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, (problem as IStatusCodeHttpResult)?.StatusCode);
        Assert.Equal(body.Length, body.Position);
        Assert.False(context.Response.Headers.ContainsKey("Connection"));
    }

    [Fact]
    public async Task Given_a_chunked_body_over_the_limit_when_read_then_413_and_the_body_was_drained()
    {
        var body = new MemoryStream(new byte[JsonBody.MaxBytes + 1]);
        var context = new DefaultHttpContext();
        context.Request.Body = body;

        var (_, problem) = await JsonBody.ReadAsync(context.Request, CancellationToken.None);

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, (problem as IStatusCodeHttpResult)?.StatusCode);
        Assert.Equal(body.Length, body.Position);
    }

    [Fact]
    public async Task Given_a_body_too_large_to_drain_when_read_then_413_and_the_connection_is_closed_after_the_answer()
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(new byte[16]);
        context.Request.ContentLength = JsonBody.DrainBytes + 1;

        var (_, problem) = await JsonBody.ReadAsync(context.Request, CancellationToken.None);

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, (problem as IStatusCodeHttpResult)?.StatusCode);
        Assert.Equal("close", context.Response.Headers.Connection.ToString());
        Assert.Equal(0, context.Request.Body.Position);
    }
}
