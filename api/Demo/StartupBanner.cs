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
              Web pages:         {url}/ (in German: families, school staff, facility managers)
              OpenAPI document:  {url}/openapi/v1.json
              Health:            {url}/health/ready
              Store:             {app.Configuration["Silo:Store"] ?? "Sqlite"}
            """);
        if (demo)
        {
            // A restart keeps the first start's data, so these moments may have passed.
            var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            var opens = app.Services.GetRequiredService<DemoData>().HolidayWeekOpens;
            var deadline = app.Services.GetRequiredService<DemoRound>().Deadline;
            Console.WriteLine($"""
                  Demo county:       {url}/api/v1/tenants/{DemoData.Tenant}/offerings
                  Holiday week:      {url}/api/v1/tenants/{DemoData.Tenant}/offerings/{DemoData.HolidayWeekId} (booking {(opens > now ? "opens" : "opened")} at {opens:HH:mm} UTC)
                  Criteria round:    {url}/api/v1/tenants/{DemoData.Tenant}/rounds/{DemoRound.Id} (11 ranked applications; {(deadline > now ? "the allocation runs" : "its deadline passed")} at {deadline:HH:mm} UTC)
                  After the run:     GET {url}/api/v1/tenants/{DemoData.Tenant}/me/applications as the family (offer until when, waitlist, explanation)
                  Sign in:           POST {url}/api/v1/tenants/{DemoData.Tenant}/auth/sign-in with e-mail and password
                  Demo accounts (passwords are new at every start, for local use only):
                """);
            foreach (var login in app.Services.GetRequiredService<DemoAccounts>().Logins)
            {
                Console.WriteLine($"    {login.Role,-14} {login.Email,-28} {login.Password}");
            }

            Console.WriteLine();
            PrintDefects(app, url);
        }
    }

    private static void PrintDefects(WebApplication app, string url)
    {
        var b = $"{url}/api/v1/tenants/{DemoData.Tenant}";
        if (!app.Configuration.GetValue<bool>("Demo:Devices"))
        {
            Console.WriteLine("""
                  Sag's uns einfach: no MQTT broker, so no gateway and no demo devices (install mosquitto, e.g. with
                  scripts/install-deps, and start with scripts/run to see tickets, alarms and alerts).

                """);
            return;
        }

        Console.WriteLine($"""
              Sag's uns einfach: a demo kiosk reports a defect now and every 3 minutes, a demo sensor reports a
              water leak (critical alarm) for a minute every 5 minutes. Sign in as hausmeister@demo.webkita.de, then
              with "Authorization: Bearer <accessToken>":
                Tickets:         GET {b}/tickets?open=true
                Alarms:          GET {b}/alarms   (acknowledge: POST {b}/alarms/{DemoDevices.SensorId}/water_leak/acknowledge)
                Live alerts:     curl -N {b}/alerts/stream -H "Authorization: Bearer <accessToken>"

            """);
    }
}
