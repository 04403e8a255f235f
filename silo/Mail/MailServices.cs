using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WebKita.Silo.Runtime;

namespace WebKita.Silo.Mail;

public static class MailServices
{
    /// <summary>
    /// E-mail from the outbox: the "Mail" section's tenants, MailKit to their relays, credentials
    /// from the environment. Tests replace <see cref="ISmtpCredentials"/> or <see cref="IMailTransport"/> by registering theirs first.
    /// </summary>
    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection("Mail").Get<MailOptions>() ?? new MailOptions());
        services.TryAddSingleton<ISmtpCredentials, EnvironmentSmtpCredentials>();
        services.TryAddSingleton<IMailTransport, SmtpMailTransport>();
        services.AddSingleton<MailLinks>();
        services.AddSingleton<UnsubscribeToken>();
        services.AddSingleton<MailPreferenceBook>();
        services.AddSingleton<MailNotifications>();
        services.AddSingleton<MailQueue>();
        services.AddSingleton<FamilyMails>();
        services.AddSingleton<FacilityMails>();
        services.AddSingleton<WaitlistWatch>();
        services.AddSingleton<AccountMails>();
        services.AddSingleton<IOutboxSubscriber, MailOutbox>();
        services.AddSingleton<IReminderTarget, OfferReminders>();
        services.AddSingleton<IReminderTarget, MailSender>();
        return services;
    }
}
