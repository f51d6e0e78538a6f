using System.Net;
using System.Text;
using Catalog.Tests.Fixtures;

namespace Catalog.Tests.Cli;

/// <summary>A catalog whose database is down answers 503 with Retry-After; the command line shows both, plainly.</summary>
public sealed class CliUnavailableTests
{
    [Fact]
    public async Task A_503_shows_the_problems_detail_and_its_retry_after_with_exit_code_1()
    {
        using var server = new HttpListener();
        var url = new Uri($"http://127.0.0.1:{Checkout.FreePort()}/");
        server.Prefixes.Add(url.ToString());
        server.Start();
        var answering = Task.Run(async () =>
        {
            var context = await server.GetContextAsync();
            context.Response.StatusCode = 503;
            context.Response.ContentType = "application/problem+json";
            context.Response.Headers["Retry-After"] = "5";
            var body = Encoding.UTF8.GetBytes("""{"type":"about:blank","title":"Service Unavailable","status":503,"detail":"The database does not answer."}""");
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        });

        var result = await CatalogCli.RunAsync(url, null, "jobs", "ls");
        await answering;

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("503: The database does not answer. (Retry-After: 5 s)", result.Stderr.Trim());
    }
}
