using WebKita.Grains.Accounts;

namespace WebKita.Silo.Runtime;

/// <summary>Who asked for a change: the signed-in account and the role it acted in.</summary>
public sealed record Actor(Guid AccountId, Role Role)
{
    /// <summary>Staff and admin actions are audited; a family's own actions are its own business.</summary>
    public bool IsAudited => Role is not Role.Family;
}
