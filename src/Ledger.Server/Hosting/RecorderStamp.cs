using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Ledger.Access;
using Marten;
using Wolverine.Http;

namespace Ledger.Hosting;

/// <summary>
/// Every endpoint that writes stamps its session with the caller's signature, which Marten stores as
/// each event's user name (the event data names the recorder too; the metadata lets SQL find it).
/// </summary>
public static class RecorderStamp
{
    public static void Apply(HttpContext httpContext, IDocumentSession session)
    {
        if (httpContext.User.Identity?.IsAuthenticated == true) session.LastModifiedBy = Caller.From(httpContext.User).Signature;
    }

    public sealed class Policy : IHttpPolicy
    {
        public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
        {
            foreach (var chain in chains.Where(c => c.ServiceDependencies(container, Type.EmptyTypes).Contains(typeof(IDocumentSession))))
                chain.Middleware.Insert(0, new MethodCall(typeof(RecorderStamp), nameof(RecorderStamp.Apply)));
        }
    }
}
