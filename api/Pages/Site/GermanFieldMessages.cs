namespace WebKita.Api.Pages.Site;

/// <summary>
/// The domain names invalid fields in English for API clients; families read German. Known fields
/// get a sentence of their own, anything else a general one (never the English text).
/// </summary>
public static class GermanFieldMessages
{
    public static string For(string field, string message) => field switch
    {
        "email" => "Bitte geben Sie eine gültige E-Mail-Adresse ein.",
        "password" or "newPassword" => "Das Passwort muss 10 bis 200 Zeichen lang sein.",
        "displayName" => "Bitte geben Sie Ihren Namen ein (höchstens 200 Zeichen).",
        "guardians" => "Bitte geben Sie Vor- und Nachnamen an (je höchstens 100 Zeichen, bis zu 4 Sorgeberechtigte).",
        "children" => "Bitte geben Sie Vor- und Nachnamen des Kindes an (je höchstens 100 Zeichen, bis zu 10 Kinder).",
        "childId" => "Bitte wählen Sie eines Ihrer Kinder.",
        "grade" or "child.grade" => "Bitte wählen Sie die Klassenstufe (1 bis 13).",
        "child.firstName" => "Bitte geben Sie den Vornamen an (höchstens 100 Zeichen).",
        "child.lastName" => "Bitte geben Sie den Nachnamen an (höchstens 100 Zeichen).",
        "child.birthDate" => "Bitte geben Sie das Geburtsdatum an.",
        "reason" => "Bitte geben Sie einen Grund an (1 bis 500 Zeichen).",
        "capacity" => "Bitte geben Sie eine Platzzahl von 0 oder mehr an.",
        _ => $"Die Angabe ist nicht gültig ({message}).",
    };
}
