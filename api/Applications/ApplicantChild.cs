using WebKita.Api.Accounts;
using WebKita.Grains.Applications;
using WebKita.Silo.Accounts;

namespace WebKita.Api.Applications;

internal static class ApplicantChild
{
    /// <summary>The child as the family's account has it, in the grade the family says it will be in.</summary>
    public static async Task<(Child? Child, Dictionary<string, string[]> Errors)> OfFamilyAsync(
        Caller caller, Guid? childId, int? grade, AccountDirectory accounts, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(caller.Tenant, caller.AccountId, cancellationToken);
        var child = account?.Children.FirstOrDefault(c => c.Id == childId);
        var errors = new Dictionary<string, string[]>();
        if (child is null)
        {
            errors["childId"] = ["must name a child on your account"];
        }

        if (grade is not (>= 1 and <= 13))
        {
            errors["grade"] = ["is required, 1 to 13"];
        }

        return errors.Count > 0 ? (null, errors) : (new Child(child!.FirstName, child.LastName, child.BirthDate, grade!.Value), errors);
    }
}
