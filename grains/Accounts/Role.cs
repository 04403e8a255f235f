namespace WebKita.Grains.Accounts;

/// <summary>Who an account acts for. One role per account; a person with two roles has two accounts.</summary>
[GenerateSerializer, Alias("webkita.Role")]
public enum Role
{
    /// <summary>A family: guardians and children; sees only its own applications.</summary>
    Family,

    /// <summary>Staff of one or more schools; acts only on those schools' offerings and applications.</summary>
    SchoolStaff,

    /// <summary>The county's office: everything in its tenant, including schools, offerings and staff accounts.</summary>
    CountyAdmin,

    /// <summary>Responsible for buildings; receives and works on defect tickets for them.</summary>
    FacilityManager,
}
