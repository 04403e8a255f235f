using System.Globalization;
using System.Net;
using System.Text;
using QRCoder;
using WebKita.Grains.Buildings;

namespace WebKita.Api.Photos;

/// <summary>
/// A printable A4 sheet (SVG) of a building's rooms for the facility manager: one QR code per
/// room, three across, with the room's code and name under it, to cut out and stick by the door.
/// The modules are drawn as one path per code, so it prints sharp at any size.
/// </summary>
public static class QrSheet
{
    private const int Columns = 3;
    private const double PageWidth = 210;
    private const double Cell = 62;
    private const double Margin = 12;
    private const double CodeSize = 44;

    public static string Render(Building building, Func<Room, string> linkOf)
    {
        var rows = (building.Rooms.Count + Columns - 1) / Columns;
        var height = Math.Max(297, Margin * 2 + 12 + rows * Cell);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{PageWidth}mm\" height=\"{height}mm\" viewBox=\"0 0 {PageWidth} {height}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{Escape(building.Name)}: Mangel melden</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Margin}\" y=\"{Margin + 4}\" font-family=\"sans-serif\" font-size=\"6\">{Escape(building.Name)} – Mangel melden: Code scannen</text>");
        using var generator = new QRCodeGenerator();
        for (var i = 0; i < building.Rooms.Count; i++)
        {
            var room = building.Rooms[i];
            var x = Margin + (i % Columns) * Cell;
            var y = Margin + 12 + (i / Columns) * Cell;
            using var data = generator.CreateQrCode(linkOf(room), QRCodeGenerator.ECCLevel.M);
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"room\" data-room=\"{Escape(room.Code)}\">");
            svg.Append(Modules(data, x, y));
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{y + CodeSize + 6}\" font-family=\"sans-serif\" font-size=\"4\">{Escape(room.Code)} · {Escape(room.Name)}</text>");
            svg.Append("</g>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Modules(QRCodeData data, double x, double y)
    {
        var matrix = data.ModuleMatrix;
        var module = CodeSize / matrix.Count;
        var path = new StringBuilder();
        for (var row = 0; row < matrix.Count; row++)
        {
            for (var column = 0; column < matrix.Count; column++)
            {
                if (matrix[row][column])
                {
                    path.Append(CultureInfo.InvariantCulture, $"M{x + column * module:0.###},{y + row * module:0.###}h{module:0.###}v{module:0.###}h-{module:0.###}z");
                }
            }
        }
        return $"<path fill=\"#000\" d=\"{path}\"/>";
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
