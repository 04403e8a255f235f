using Microsoft.AspNetCore.Identity;
using WebKita.Grains.Accounts;
using WebKita.Grains.Common;
using WebKita.Silo.Accounts;

namespace WebKita.Api.Accounts;

/// <summary>
/// The first county admin of a tenant, who then creates everyone else. Configured through
/// <c>Bootstrap:Tenant</c>, <c>Bootstrap:AdminEmail</c> and <c>Bootstrap:AdminPassword</c>
/// (environment or a secret store, never the repository); an existing account is left alone.
/// Malformed configuration stops the start; one tenant's data never does: an e-mail already held
/// in another role is logged as an error, and every tenant is served (this one without a new admin).
/// </summary>
public sealed partial class AdminBootstrap(
    IConfiguration configuration, AccountDirectory accounts, IPasswordHasher<Account> hasher, ILogger<AdminBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var section = configuration.GetSection("Bootstrap");
        if (section["Tenant"] is not { } tenant || section["AdminEmail"] is not { } email || section["AdminPassword"] is not { } password)
        {
            return;
        }

        if (!TenantId.IsValid(tenant) || PasswordRules.Problem(password) is not null)
        {
            throw new InvalidOperationException($"Bootstrap:Tenant must be a tenant id and Bootstrap:AdminPassword {PasswordRules.MinLength} to {PasswordRules.MaxLength} characters.");
        }

        var tenantId = new TenantId(tenant);
        var opened = await accounts.OpenAsync(tenantId, email, hasher.HashPassword(null!, password), Role.CountyAdmin, "County admin", [], [], cancellationToken);
        if (opened.Refusal is { } refusal
            && (refusal.Code != "account.exists" || (await accounts.FindAsync(tenantId, AccountDirectory.IdFor(tenantId, email), cancellationToken))?.Role != Role.CountyAdmin))
        {
            // Somebody holds this e-mail in another role (e.g. registered it as a family before the
            // first start). Stopping would take every county offline over one tenant's data: the
            // operator sees the error and names another e-mail.
            Log.AdminNotCreated(logger, tenant, refusal.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "The bootstrap admin of tenant {Tenant} could not be created: {Reason} Set Bootstrap:AdminEmail to an e-mail no account of the tenant holds.")]
        public static partial void AdminNotCreated(ILogger logger, string tenant, string reason);
    }
}
