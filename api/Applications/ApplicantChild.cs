using WebKita.Api.Accounts;
using WebKita.Grains.Accounts;
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

    /// <summary>
    /// Who a submission is for: a family names a child of its own account; staff give a paper
    /// application's child and optionally a family account of the tenant it belongs to. Null
    /// child: the field errors, keyed by the JSON field names.
    /// </summary>
    public static async Task<(Child? Child, Guid? FamilyId, Dictionary<string, string[]> Errors)> ForSubmissionAsync(
        Caller caller, ApplicationRequest request, AccountDirectory accounts, CancellationToken cancellationToken)
    {
        var (child, errors) = caller.Role == Role.Family
            ? await OfFamilyAsync(caller, request.ChildId, request.Grade, accounts, cancellationToken)
            : request.ToChild();
        if (child is null)
        {
            return (null, null, errors);
        }

        var familyId = caller.Role == Role.Family ? caller.AccountId : request.FamilyId;
        if (caller.Role != Role.Family && familyId is { } onBehalfOf
            && await accounts.FindAsync(caller.Tenant, onBehalfOf, cancellationToken) is not { Role: Role.Family, IsDeleted: false })
        {
            return (null, null, new Dictionary<string, string[]> { ["familyId"] = ["names no family account of this tenant"] });
        }

        return (child, familyId, errors);
    }
}
