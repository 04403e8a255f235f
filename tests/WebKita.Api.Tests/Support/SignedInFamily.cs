using System.Net;
using WebKita.Api.Accounts;
using WebKita.Api.Applications;
using WebKita.Grains.Accounts;

namespace WebKita.Api.Tests.Support;

/// <summary>A registered family, signed in with a bearer token, with one child on its account.</summary>
public sealed record SignedInFamily(WebKitaClient Client, Credentials Credentials, AccountResponse Account, FamilyChild Child) : IDisposable
{
    /// <summary>Registers, signs in and sets the family up: two password hashes.</summary>
    public static async Task<SignedInFamily> RegisterAsync(WebKitaApiFactory factory, string lastName)
    {
        var credentials = Credentials.New(lastName.ToLowerInvariant());
        using var anonymous = factory.CreateApiClient();
        await anonymous.RegisterAsync(credentials, $"Familie {lastName}");
        var client = factory.CreateApiClient(await anonymous.SignInAsync(credentials));
        var account = await client.SetFamilyAsync([new Guardian("Eva", lastName, "0711 4711")], [new FamilyChild(Guid.Empty, "Mia", lastName, new DateOnly(2018, 4, 1))]);
        return new SignedInFamily(client, credentials, account, account.Children.Single()); // the server assigned the child's id
    }

    /// <summary>Applies for the family's child; fails the test unless a new application is created.</summary>
    public async Task<ApplicationResponse> ApplyAsync(Guid offeringId, int grade = 2)
    {
        using var response = await Client.PostFamilySubmissionAsync(offeringId, Child.Id, grade, Children.NewRun());
        return await WebKitaClient.ReadAsync<ApplicationResponse>(response, HttpStatusCode.Created);
    }

    public void Dispose() => Client.Dispose();
}
