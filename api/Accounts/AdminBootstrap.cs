using Microsoft.AspNetCore.Identity;
using WebKita.Grains.Accounts;
using WebKita.Grains.Common;
using WebKita.Silo.Accounts;

namespace WebKita.Api.Accounts;

/// <summary>
/// The first county admin of a tenant, who then creates everyone else. Configured through
/// <c>Bootstrap:Tenant</c>, <c>Bootstrap:AdminEmail</c> and <c>Bootstrap:AdminPassword</c>
/// (environment or a secret store, never the repository); an existing account is left alone.
/// </summary>
public sealed class AdminBootstrap(IConfiguration configuration, AccountDirectory accounts, IPasswordHasher<Account> hasher) : IHostedService
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
            // Somebody holds this e-mail in another role: starting anyway would leave the tenant without its admin.
            throw new InvalidOperationException($"The bootstrap admin could not be created: {refusal.Message}");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
