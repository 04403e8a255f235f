using Microsoft.AspNetCore.Routing.Template;
using Orleans.Dashboard;

namespace WebKita.Api.Hosting;

/// <summary>
/// The Orleans Dashboard under /dashboard, built on its first request. Mapping it reads and
/// gzips every asset of the package (a 12.9 MB source map among them) and keeps them for the
/// process's life: in a rush that was ~50 MB of the api's peak memory, for a page a county admin
/// opens now and then. One endpoint carries the authorization rule; behind it the dashboard's
/// own routes answer as the package maps them, in the order it maps them.
/// </summary>
public static class DashboardEndpoint
{
    private const string Prefix = "/dashboard";

    public static IEndpointConventionBuilder MapLazyOrleansDashboard(this WebApplication app)
    {
        var dashboard = new Lazy<IReadOnlyList<DashboardRoute>>(() => Build(app.Services));
        return app.MapGet(Prefix + "/{**path}", context =>
        {
            foreach (var route in dashboard.Value)
            {
                if (route.TryMatch(context) is { } values)
                {
                    context.SetEndpoint(route.Endpoint);
                    context.Request.RouteValues = values;
                    return route.Endpoint.RequestDelegate!(context);
                }
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
    }

    private static DashboardRoute[] Build(IServiceProvider services)
    {
        // Mapped onto a route builder of its own, so the app's route table (the OpenAPI document,
        // the authorization matrix) keeps the one endpoint above.
        var routes = new DashboardRoutes(services);
        routes.MapOrleansDashboard(Prefix);
        var policies = services.GetRequiredService<ParameterPolicyFactory>();
        return [.. routes.DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().Select(e => new DashboardRoute(e, policies))];
    }

    private sealed class DashboardRoutes(IServiceProvider services) : IEndpointRouteBuilder
    {
        public IServiceProvider ServiceProvider => services;

        public ICollection<EndpointDataSource> DataSources { get; } = [];

        public IApplicationBuilder CreateApplicationBuilder() => new ApplicationBuilder(services);
    }

    private sealed class DashboardRoute(RouteEndpoint endpoint, ParameterPolicyFactory policies)
    {
        private readonly TemplateMatcher _matcher = new(new RouteTemplate(endpoint.RoutePattern), new RouteValueDictionary(endpoint.RoutePattern.Defaults));

        private readonly (string Parameter, IRouteConstraint Constraint)[] _constraints =
        [
            .. endpoint.RoutePattern.ParameterPolicies.SelectMany(p => p.Value
                .Select(reference => policies.Create(endpoint.RoutePattern.GetParameter(p.Key), reference))
                .OfType<IRouteConstraint>()
                .Select(c => (p.Key, c))),
        ];

        public RouteEndpoint Endpoint => endpoint;

        public RouteValueDictionary? TryMatch(HttpContext context)
        {
            var values = new RouteValueDictionary();
            return _matcher.TryMatch(context.Request.Path, values)
                && _constraints.All(c => c.Constraint.Match(context, null, c.Parameter, values, RouteDirection.IncomingRequest))
                ? values
                : null;
        }
    }
}
