using WebKita.Grains.Applications;

namespace WebKita.Silo.Registration;

/// <summary>An application as its family sees it: its state and, while waiting, its place in line.</summary>
public sealed record ApplicationView(Application Application, int? WaitlistPosition);
