using System.Text.Json;
using System.Text.Json.Serialization;
using WebKita.Grains.Allocation;
using WebKita.Grains.Rounds;

namespace WebKita.Silo.Rounds;

/// <summary>
/// A standing's ranking as one flat array, <c>[lottery, admitted, [rank, criterion, count, points, …], …]</c>:
/// the run writes 50,000 of them at once, and named properties made up half of each row.
/// </summary>
internal sealed class CompactRunRankingConverter : JsonConverter<RunRanking>
{
    public override RunRanking Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        Expect(ref reader, JsonTokenType.StartArray);
        Next(ref reader);
        var lottery = reader.GetUInt64();
        Next(ref reader);
        int? admitted = reader.TokenType == JsonTokenType.Null ? null : reader.GetInt32();
        var choices = new List<ChoiceRanking>(Applicant.MaxPreferences);
        for (Next(ref reader); reader.TokenType != JsonTokenType.EndArray; Next(ref reader))
        {
            Expect(ref reader, JsonTokenType.StartArray);
            Next(ref reader);
            var rank = reader.GetInt32();
            var criteria = new List<CriterionScore>();
            for (Next(ref reader); reader.TokenType != JsonTokenType.EndArray; Next(ref reader))
            {
                var criterion = Enum.Parse<Criterion>(reader.GetString() ?? throw new JsonException("A criterion must be named."));
                Next(ref reader);
                var count = reader.GetInt32();
                Next(ref reader);
                criteria.Add(new CriterionScore(criterion, count, reader.GetInt32()));
            }

            choices.Add(new ChoiceRanking(rank, criteria));
        }

        return new RunRanking(lottery, admitted, choices);
    }

    public override void Write(Utf8JsonWriter writer, RunRanking value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(value.LotteryNumber);
        if (value.AdmittedChoice is { } admitted)
        {
            writer.WriteNumberValue(admitted);
        }
        else
        {
            writer.WriteNullValue();
        }

        foreach (var choice in value.Choices)
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(choice.Rank);
            foreach (var score in choice.Criteria)
            {
                writer.WriteStringValue(score.Criterion.ToString());
                writer.WriteNumberValue(score.Count);
                writer.WriteNumberValue(score.Points);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    private static void Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("A compact ranking ends early.");
        }
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (reader.TokenType != token)
        {
            throw new JsonException($"A compact ranking has {reader.TokenType} where {token} belongs.");
        }
    }
}
