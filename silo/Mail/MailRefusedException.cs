namespace WebKita.Silo.Mail;

/// <summary>The relay answered with a permanent (5xx) refusal: sending the same message again would be refused again.</summary>
public sealed class MailRefusedException(string message, Exception inner) : Exception(message, inner);
