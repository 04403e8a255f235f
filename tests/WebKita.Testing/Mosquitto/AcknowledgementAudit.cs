using System.Text.RegularExpressions;

namespace WebKita.Testing;

/// <summary>
/// Reads mosquitto's debug log (<c>log_type debug</c>) and checks, from the broker's side of the
/// wire, that a client sent its QoS 1 PUBACKs in the order the broker sent the PUBLISH packets
/// (MQTT 5.0 §4.6). Per connection of the client: each PUBACK must name the oldest message still
/// unacknowledged; one that names a later message, or none outstanding (an identifier from a
/// previous connection), is a violation.
/// </summary>
public sealed partial class AcknowledgementAudit
{
    private readonly LinkedList<int> _outstanding = new();

    private AcknowledgementAudit(string clientId) => ClientId = clientId;

    public string ClientId { get; }

    public int Publishes { get; private set; }

    public int Acknowledgements { get; private set; }

    public int Violations { get; private set; }

    public IReadOnlyList<string> FirstViolations => _firstViolations;

    private readonly List<string> _firstViolations = [];

    public static AcknowledgementAudit Of(IEnumerable<string> logLines, string clientId)
    {
        var audit = new AcknowledgementAudit(clientId);
        foreach (var line in logLines)
        {
            audit.Read(line);
        }

        return audit;
    }

    public static AcknowledgementAudit Of(string log, string clientId) => Of(log.Split('\n'), clientId);

    public override string ToString() => $"{ClientId}: {Publishes} QoS 1 publishes, {Acknowledgements} PUBACKs, {Violations} out of order";

    private void Read(string line)
    {
        if (line.Contains($" as {ClientId} (", StringComparison.Ordinal))
        {
            // A new connection of the client: packet identifiers start over, the broker resends what is outstanding.
            _outstanding.Clear();
            return;
        }

        if (Sent().Match(line) is { Success: true } sent && sent.Groups["client"].Value == ClientId)
        {
            Publishes++;
            _outstanding.AddLast(int.Parse(sent.Groups["mid"].Value, System.Globalization.CultureInfo.InvariantCulture));
            return;
        }

        if (Acknowledged().Match(line) is { Success: true } acknowledged && acknowledged.Groups["client"].Value == ClientId)
        {
            Acknowledgements++;
            var mid = int.Parse(acknowledged.Groups["mid"].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (_outstanding.First?.Value == mid)
            {
                _outstanding.RemoveFirst();
                return;
            }

            Violations++;
            if (_firstViolations.Count < 5)
            {
                _firstViolations.Add($"PUBACK {mid} while the oldest outstanding is {(_outstanding.First is { } head ? head.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")}");
            }

            _outstanding.Remove(mid);
        }
    }

    [GeneratedRegex(@"Sending PUBLISH to (?<client>\S+) \(d\d, q1, r\d, m(?<mid>\d+),")]
    private static partial Regex Sent();

    [GeneratedRegex(@"Received PUBACK from (?<client>\S+) \(Mid: (?<mid>\d+),")]
    private static partial Regex Acknowledged();
}
