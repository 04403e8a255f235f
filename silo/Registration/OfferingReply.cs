using WebKita.Grains.Applications;
using WebKita.Grains.Common;
using WebKita.Grains.Offerings;

namespace WebKita.Silo.Registration;

/// <summary>The committed result of one command: a refusal, or the offering and (if any) application after it.</summary>
/// <param name="Created">For a submission: false when the child's application already existed and is returned as it was.</param>
[GenerateSerializer, Immutable, Alias("webkita.OfferingReply")]
public sealed record OfferingReply(
    Refusal? Refusal,
    Offering? Offering,
    Application? Application = null,
    bool Created = false,
    int? WaitlistPosition = null);
