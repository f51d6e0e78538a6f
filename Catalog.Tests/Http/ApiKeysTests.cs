using Catalog.Webhooks.Http;

namespace Catalog.Tests.Http;

/// <summary>Named and unnamed bearer keys: what they admit and the actor name recorded for them.</summary>
public sealed class ApiKeysTests
{
    private readonly ApiKeys _keys = new(["ops:admin-secret-1"], ["lab-robot:agent-secret-2", "plain-agent-key"]);

    [Fact]
    public void Given_a_named_key_then_only_the_key_part_admits_and_the_actor_is_its_name()
    {
        Assert.Equal(CallerRole.Admin, _keys.Resolve("Bearer admin-secret-1"));
        Assert.Equal(CallerRole.Invalid, _keys.Resolve("Bearer ops:admin-secret-1"));
        Assert.Equal("admin:ops", _keys.Actor(CallerRole.Admin, "Bearer admin-secret-1"));
        Assert.Equal(CallerRole.Agent, _keys.Resolve("Bearer agent-secret-2"));
        Assert.Equal("agent:lab-robot", _keys.Actor(CallerRole.Agent, "Bearer agent-secret-2"));
    }

    [Fact]
    public void Given_an_unnamed_key_then_its_actor_is_a_short_fingerprint_never_the_key()
    {
        Assert.Equal(CallerRole.Agent, _keys.Resolve("Bearer plain-agent-key"));
        var actor = _keys.Actor(CallerRole.Agent, "Bearer plain-agent-key");

        Assert.Matches("^agent:[0-9a-f]{8}$", actor);
        Assert.DoesNotContain("plain-agent-key", actor);
        // A wrong key is never given a configured key's name.
        Assert.DoesNotContain("ops", _keys.Actor(CallerRole.Invalid, "Bearer admin-secret-x"));
    }
}
