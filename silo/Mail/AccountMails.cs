using WebKita.Grains.Common;
using WebKita.Silo.Accounts;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Mail;

/// <summary>
/// The hook for "you already have an account": a registration with a taken address answers the
/// same as a new one (so nobody can probe addresses), and only the owner is told, by mail. The
/// event is written by the registration's hardening; <see cref="RepeatedRegistration"/> must match
/// the type it writes, with the account as <see cref="OutboxEntry.GrainId"/>.
/// </summary>
public sealed class AccountMails(AccountDirectory accounts, MailLinks links)
{
    public const string RepeatedRegistration = "account.registration_repeated";

    public async Task<MailDraft?> ForEventAsync(OutboxEntry entry, TenantMailSettings settings, CancellationToken cancellationToken)
    {
        if (entry.Type != RepeatedRegistration
            || await accounts.FindAsync(new TenantId(entry.Tenant), entry.GrainId, cancellationToken) is not { IsDeleted: false } account)
        {
            return null;
        }

        var content = new MailContent(
            "Sie haben bereits ein Konto",
            [
                $"soeben wollte sich jemand mit Ihrer E-Mail-Adresse bei der Online-Anmeldung des {settings.CountyName} registrieren. Sie haben dort bereits ein Konto.",
                "Waren Sie das, melden Sie sich bitte mit Ihrem Konto an. Waren Sie es nicht, können Sie diese E-Mail ignorieren; an Ihrem Konto hat sich nichts geändert.",
            ],
            "Zur Anmeldung",
            links.SignInPage(),
            settings.CountyName);
        return new MailDraft(FamilyMails.EventOccasion(entry), MailTopic.AccountExists, account.Id, account.Email, content);
    }
}
