namespace WebKita.Api.Tests.Authorization;

/// <summary>
/// Allow: the call is served (2xx, or a 4xx about the request or the domain, never 401/403/404).
/// Deny: 401 for the anonymous caller; 403 or 404 (existence hidden) for a signed-in one.
/// </summary>
public enum Access
{
    Allow,
    Deny,
}
