using System.Collections.Immutable;
using WebKita.Grains.Common;

namespace WebKita.Silo.Mail;

/// <summary>The waitlist positions of an offering as last mailed about, so a move up is noticed by comparing with the offering now.</summary>
public sealed record WaitlistPositions(TenantId Tenant, Guid OfferingId, ImmutableDictionary<Guid, int> Positions);
