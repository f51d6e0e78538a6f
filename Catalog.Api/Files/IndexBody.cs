using Catalog.Core.Requests;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Newtonsoft.Json.Linq;

namespace Catalog.Api.Files;

/// <summary>The optional body of an index call: <c>{filters?: [obj], level?: str, fixity?: bool, token?: str}</c>.</summary>
public sealed record IndexBody(JArray? Filters, string? Level, bool Fixity) : IRequestBody<IndexBody>
{
    /// <summary>The job token the body carries (<c>token</c>), if any.</summary>
    public string? Token { get; init; }

    private static readonly string[] Known = ["filters", "level", "fixity", "token"];

    public static IReadOnlyList<object> Docs { get; } =
    [
        new RequestBodyDoc(typeof(IndexBodyShape), false, "Optional: which files to index (all when absent), at which level, with fixity, and the job token."),
        SecurityDoc.JobTokenOrKey,
        .. ApiDocs.TokenParameters,
    ];

    // The jobs-indexer's index message ({uuid, name: "index", ...}) posted as it is: its job and name are the route's.
    private static readonly string[] Tolerated = ["uuid", "name"];

    public static (IndexBody? Body, BodyProblem? Problem) From(JToken? json)
    {
        if (json is null)
        {
            return (new IndexBody(null, null, false), null);
        }
        if (json is not JObject body)
        {
            return (null, BodyProblem.Unprocessable(
                "The body must be a JSON object: {\"filters\"?: [{\"patterns\": [\".txt$\"], \"level\": \"1\"}], \"fixity\"?: true}."));
        }
        var errors = new List<string>();
        var filters = body["filters"];
        if (filters is not null && filters.Type != JTokenType.Null && filters is not JArray)
        {
            errors.Add($"filters: must be a list of index requests, not {Describe(filters)}.");
        }
        var level = body["level"];
        if (level is not null && level.Type is not (JTokenType.Null or JTokenType.String))
        {
            errors.Add($"level: must be a processing level as a string, not {Describe(level)}.");
        }
        if (body["fixity"] is { Type: not JTokenType.Boolean and not JTokenType.Null } fixity)
        {
            errors.Add($"fixity: must be true or false, not {Describe(fixity)}.");
        }
        if (body["token"] is { Type: not JTokenType.String and not JTokenType.Null })
        {
            errors.Add("token: must be a string.");
        }
        errors.AddRange(UnknownFields.Errors(body, Known, Tolerated));
        return errors.Count > 0
            ? (null, BodyProblem.Unprocessable("The index request is malformed.", errors))
            : (new IndexBody(filters as JArray, level?.Type == JTokenType.String ? (string?)level : null,
                body["fixity"]?.Type == JTokenType.Boolean && (bool)body["fixity"]!) { Token = TokenSources.InBody(body) }, null);
    }

    private static string Describe(JToken token) => token.Type switch
    {
        JTokenType.Object => "an object",
        JTokenType.Array => "a list",
        JTokenType.String => "a string",
        JTokenType.Integer or JTokenType.Float => "a number",
        JTokenType.Boolean => "a boolean",
        _ => token.Type.ToString().ToLowerInvariant(),
    };
}
