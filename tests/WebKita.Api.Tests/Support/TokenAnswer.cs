namespace WebKita.Api.Tests.Support;

/// <summary>The part of a bearer-token sign-in answer the tests use.</summary>
public sealed record TokenAnswer(string AccessToken, long ExpiresIn);
