using System.Text.Json.Serialization;
using WebKita.Api.Accounts;
using WebKita.Api.Alarms;
using WebKita.Api.Alerts;
using WebKita.Api.ApiDocument;
using WebKita.Api.Applications;
using WebKita.Api.Audit;
using WebKita.Api.Buildings;
using WebKita.Api.Defects;
using WebKita.Api.Devices;
using WebKita.Api.DeadLetters;
using WebKita.Api.Demo;
using WebKita.Api.Health;
using WebKita.Api.Hosting;
using WebKita.Api.Mail;
using WebKita.Api.Offerings;
using WebKita.Api.Open311;
using WebKita.Api.Photos;
using WebKita.Api.Pages.Site;
using WebKita.Api.Placements;
using WebKita.Api.Problems;
using WebKita.Api.Retention;
using WebKita.Api.Rounds;
using WebKita.Api.Schools;
using WebKita.Api.Statutes;
using WebKita.Api.Tenants;
using WebKita.Api.Webhooks;
using WebKita.Broker;
using WebKita.IotGateway.Ingestion;
using WebKita.Silo;
using WebKita.Silo.Cluster;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 64 * 1024);
builder.Services.AddSilo(builder.Configuration);
builder.Services.AddSingleton<TenantCatalog>();
builder.Services.AddKnownProxies(builder.Configuration);
builder.UseOrleans(silo => silo.AddWebKitaCluster(builder.Configuration));
builder.Services.AddBrokerAccounts(builder.Configuration);
if (builder.Configuration.GetValue<bool>("Ingestion:InProcess"))
{
    builder.Services.AddIngestion(builder.Configuration);
}

builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemDetailsForBadInput.Describe);
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.ConfigureHttpJsonOptions(options =>
{
    options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
    options.SerializerOptions.Converters.Add(new LotteryNumberAsString());
});
builder.Services.AddExceptionHandler<UnavailableStoreHandler>();
builder.Services.AddWebKitaOpenApi();
builder.Services.AddWebKitaAuthentication(builder.Configuration);
RateLimits.AddWebKitaRateLimits(builder.Services, builder.Configuration);
builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: ["ready"]);
builder.Services.AddDemoData(builder.Configuration);
builder.Services.AddPhotos(builder.Configuration);
// Application services: the JSON endpoints and the pages call the same ones.
builder.Services.AddSingleton<ApplicationDesk>();
builder.Services.AddSingleton<FamilyData>();
builder.Services.AddSingleton<OccupancyReader>();
builder.Services.AddSingleton<TicketWork>();
builder.Services.AddHostedService<WebhookSecretSealing>();
builder.Services.AddHostedService<RetentionScheduling>();
builder.Services.AddSingleton<RoundSetup>();
builder.Services.AddSingleton<RoundApplicationDesk>();
builder.Services.AddSingleton<AlarmDesk>();
builder.Services.AddSingleton<OfferingCatalog>();
builder.Services.AddSingleton<StaffAccounts>();
builder.Services.AddWebKitaPages(builder.Configuration);

var app = builder.Build();
app.UseForwardedHeaders();
app.UseSecurityHeaders();
// Pages get German error pages; the JSON API keeps its RFC 7807 problems.
app.UseWhen(context => PagesSetup.IsPageRequest(context.Request), pages => pages
    .UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/fehler", StatusCodeSelector = ExceptionStatus.For })
    .UseStatusCodePagesWithReExecute("/fehler/{0}"));
app.UseWhen(context => !PagesSetup.IsPageRequest(context.Request), api => api
    .UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = ExceptionStatus.For })
    .UseStatusCodePages());
// Routing after the error handlers, so a re-executed error page is routed to its own endpoint.
app.UseRouting();
app.UseJsonContentType();

// Before authorization: the stylesheet and scripts are public, like the pages that use them.
app.UseStaticFiles();
app.UseAuthentication();
app.UseSessionCheck();
app.UseAuthorization();
app.UseRateLimiter();
app.MapOpenApi().AllowAnonymous();
app.MapHealthEndpoints();
if (builder.Configuration.GetSection("Silo:Cluster").Get<ClusterSettings>() is not { Dashboard: false })
{
    // The dashboard has no authentication of its own: it shows every grain of every tenant.
    app.MapLazyOrleansDashboard().RequireAuthorization(Policies.CountyAdmin);
}

// Every endpoint states who may call it; the fallback policy denies any that does not.
var tenant = app.MapGroup("/api/v1/tenants/{tenant}").AddEndpointFilter<TenantFilter>().AddEndpointFilter<CallerTenantFilter>().AddEndpointFilter<InputBoundsFilter>();
tenant.MapSchools();
tenant.MapOfferings();
tenant.MapApplications();
tenant.MapPlacements();
tenant.MapAccounts();
tenant.MapFamilyData();
tenant.MapAudit();
tenant.MapDeadLetters();
tenant.MapStatute();
tenant.MapBuildings();
tenant.MapDevices();
tenant.MapTickets();
tenant.MapAlerts();
tenant.MapAlarms();
tenant.MapWebhooks();
tenant.MapRounds();
tenant.MapMail();
tenant.MapPhotos();
tenant.MapKioskPhotos();
app.MapRazorPages();
app.MapOpen311();

app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
app.Run();

/// <summary>Lets tests host the api with WebApplicationFactory.</summary>
public partial class Program;
