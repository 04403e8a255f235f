using WebKita.Grains.Applications;

namespace WebKita.Silo.Registration;

/// <summary>An application as its family sees it: its state and, while waiting, its place in line; and its offering's school, for access checks.</summary>
public sealed record ApplicationView(Application Application, int? WaitlistPosition, Guid SchoolId = default);
