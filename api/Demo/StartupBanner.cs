using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace WebKita.Api.Demo;

/// <summary>Tells whoever started the process where to look.</summary>
public static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "(no address)";
        var demo = app.Configuration.GetValue<bool>("Demo:Enabled");
        Console.WriteLine($"""

            WebKITA is running at {url}
              OpenAPI document:  {url}/openapi/v1.json
              Health:            {url}/health/ready
              Store:             {app.Configuration["Silo:Store"] ?? "Sqlite"}
            """);
        if (demo)
        {
            Console.WriteLine($"""
                  Demo county:       {url}/api/v1/tenants/{DemoData.Tenant}/offerings
                  Holiday week:      {url}/api/v1/tenants/{DemoData.Tenant}/offerings/{DemoData.HolidayWeekId} (booking opens 5 minutes after start)
                  Criteria round:    {url}/api/v1/tenants/{DemoData.Tenant}/rounds/{DemoRound.Id} (11 ranked applications; the allocation runs at {app.Services.GetRequiredService<DemoRound>().Deadline:HH:mm} UTC)
                  After the run:     GET {url}/api/v1/tenants/{DemoData.Tenant}/me/applications as the family (offer until when, waitlist, explanation)
                  Sign in:           POST {url}/api/v1/tenants/{DemoData.Tenant}/auth/sign-in with e-mail and password
                  Demo accounts (passwords are new at every start, for local use only):
                """);
            foreach (var login in app.Services.GetRequiredService<DemoAccounts>().Logins)
            {
                Console.WriteLine($"    {login.Role,-14} {login.Email,-28} {login.Password}");
            }

            Console.WriteLine();
        }
    }
}
