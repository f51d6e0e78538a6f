using System.Reflection;
using JasperFx;
using JasperFx.CodeGeneration.Model;
using Wolverine.Http;
using Wolverine.Http.CodeGen;

namespace Catalog.Webhooks.Http;

/// <summary>
/// A value a route's own step creates (the job UUID read from the path, the body read by the strict parser, who
/// delivers an event): an argument of the route's main method that is neither a service nor the JSON body.
/// </summary>
public interface IFromStep;

/// <summary>
/// Tells Wolverine that a main method's <see cref="IFromStep"/> argument is the value the route's
/// <c>Before</c>/<c>Load</c>/<c>Validate</c> step returns, so it is never read from the body with a serializer.
/// </summary>
public sealed class StepValues : IParameterStrategy
{
    public bool TryMatch(HttpChain chain, IServiceContainer container, ParameterInfo parameter, out Variable? variable)
    {
        variable = null;
        return parameter.ParameterType.IsAssignableTo(typeof(IFromStep));
    }
}
