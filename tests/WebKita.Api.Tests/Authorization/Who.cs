namespace WebKita.Api.Tests.Authorization;

/// <summary>The callers the authorization matrix tries every endpoint as. Everything is called in tenant 1.</summary>
public enum Who
{
    Anonymous,
    FamilyA,
    FamilyB,
    StaffOfSchoolX,
    StaffOfSchoolY,
    AdminOfTenant1,
    AdminOfTenant2,
    FacilityManager,
}
