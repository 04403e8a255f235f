using System.Text;
using WebKita.Silo.Storage;

namespace WebKita.Api.DeadLetters;

/// <summary>
/// A device message the gateway could not use, as an admin sees it. The payload (at most the
/// first 4 KiB) is given as text when it is UTF-8, otherwise as base64.
/// </summary>
public sealed record DeadLetterView(
    long Sequence,
    string DeviceId,
    string Topic,
    string Reason,
    string Detail,
    DateTimeOffset ReceivedAt,
    int PayloadLength,
    bool PayloadTruncated,
    string? PayloadText,
    string? PayloadBase64)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static DeadLetterView From(DeadLetter letter)
    {
        string? text;
        try
        {
            text = StrictUtf8.GetString(letter.Payload);
        }
        catch (DecoderFallbackException)
        {
            text = null;
        }

        return new(
            letter.Sequence, letter.DeviceId, letter.Topic, letter.Reason, letter.Detail, letter.ReceivedAt,
            letter.PayloadLength, letter.Payload.Length < letter.PayloadLength,
            text, text is null ? Convert.ToBase64String(letter.Payload) : null);
    }
}
