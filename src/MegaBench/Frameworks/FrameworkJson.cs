using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MegaBench.Frameworks;

/// <summary>
/// The canonical JSON form of a framework: what the database stores for each version, what
/// <c>megabench framework export --format json</c> prints, and what a round export embeds.
/// </summary>
/// <remarks>
/// The same framework always gives the same bytes (fixed property order, languages in ordinal order,
/// no insignificant white space differences), so <see cref="ComputeHash(Framework)"/> identifies a version's content.
/// Indicators are listed flat, each with its group and stage, and <c>text</c> is the source-language
/// statement; other languages are under <c>translations</c>.
/// </remarks>
public static class FrameworkJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        RespectNullableAnnotations = true,
    };

    public static string Serialize(Framework framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        var dto = new FrameworkDto(
            framework.Id,
            framework.Version,
            framework.SourceLanguage,
            [.. framework.Languages],
            Texts(framework.Title),
            new ScoringDto(
                framework.Scoring.StageThreshold.Canonical,
                framework.Scoring.LowCoverage.Canonical,
                // Written only when not the default, so that a framework keeping MEGA's values keeps its hash.
                framework.Scoring.MatchingMargin == ScoringParameters.DefaultMatchingMargin ? null : Number(framework.Scoring.MatchingMargin),
                framework.Scoring.IndicatorWeight == ScoringParameters.DefaultIndicatorWeight ? null : Number(framework.Scoring.IndicatorWeight)),
            [.. framework.Stages.Select(s => new StageDto(s.Number, s.Key, Texts(s.Name), Texts(s.Level)))],
            [.. framework.Themes.Select(t => new ThemeDto(t.Code, Texts(t.Name), t.Description is null ? null : Texts(t.Description)))],
            [.. framework.Groups.Select(g => new GroupDto(
                g.Code,
                Texts(g.Name),
                Texts(g.FinalObjective),
                [.. g.Stages.Select(s => new GroupStageDto(s.Stage, Texts(s.Narrative)))]))],
            [.. framework.Indicators.Select(i => new IndicatorDto(
                i.Code,
                i.Group,
                i.Stage,
                i.Text.Source,
                Translations(i.Text),
                [.. i.Themes]))],
            // Written only when the file listed its own, so that a framework keeping MEGA's kinds keeps its hash.
            ReferenceEquals(framework.OrganisationKinds, OrganisationKind.Defaults)
                ? null
                : [.. framework.OrganisationKinds.Select(k => new OrganisationKindDto(k.Code, Texts(k.Name)))]);
        return JsonSerializer.Serialize(dto, Options) + "\n";
    }

    public static Framework Deserialize(string json)
    {
        var dto = JsonSerializer.Deserialize<FrameworkDto>(json, Options)
            ?? throw new JsonException("The framework JSON is empty.");
        var source = dto.SourceLanguage;
        LocalizedText L(Dictionary<string, string> texts) => new(source, texts);

        var indicatorsByGroupStage = dto.Indicators
            .GroupBy(i => (i.Group, i.Stage))
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<Indicator>)[.. g.Select(i => new Indicator(
                    i.Code,
                    i.Group,
                    i.Stage,
                    new LocalizedText(source, [new(source, i.Text), .. i.Translations ?? []]),
                    i.Themes))]);

        return new Framework(
            dto.Id,
            dto.Version,
            L(dto.Title),
            source,
            dto.Languages,
            new ScoringParameters(ParseRatio(dto.Scoring.StageThreshold), ParseRatio(dto.Scoring.LowCoverage))
            {
                MatchingMargin = dto.Scoring.MatchingMargin is { } margin ? ParseNumber(margin) : ScoringParameters.DefaultMatchingMargin,
                IndicatorWeight = dto.Scoring.IndicatorWeight is { } weight ? ParseNumber(weight) : ScoringParameters.DefaultIndicatorWeight,
            },
            [.. dto.Stages.Select(s => new Stage(s.Number, s.Key, L(s.Name), L(s.Level)))],
            [.. dto.Themes.Select(t => new Theme(t.Code, L(t.Name), t.Description is null ? null : L(t.Description)))],
            [.. dto.Groups.Select(g => new StakeholderGroup(
                g.Code,
                L(g.Name),
                L(g.FinalObjective),
                [.. g.Stages.Select(s => new GroupStage(
                    s.Stage,
                    L(s.Narrative),
                    indicatorsByGroupStage.GetValueOrDefault((g.Code, s.Stage)) ?? []))]))])
        {
            OrganisationKinds = dto.OrganisationKinds is { } kinds
                ? [.. kinds.Select(k => new OrganisationKind(k.Code, L(k.Name)))]
                : OrganisationKind.Defaults,
        };
    }

    /// <summary>The SHA-256 of the canonical JSON, in lower-case hex.</summary>
    public static string ComputeHash(Framework framework) => ComputeHash(Serialize(framework));

    public static string ComputeHash(string canonicalJson) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalJson)));

    private static Ratio ParseRatio(string text) =>
        Ratio.TryParse(text, out var ratio) ? ratio : throw new JsonException($"'{text}' is not a ratio such as 2/3.");

    private static string Number(decimal value) => value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);

    private static decimal ParseNumber(string text) =>
        decimal.TryParse(text, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new JsonException($"'{text}' is not a number such as 15 or 0.1.");

    private static Dictionary<string, string> Texts(LocalizedText text) => new(text.Texts, StringComparer.Ordinal);

    private static Dictionary<string, string>? Translations(LocalizedText text)
    {
        var others = text.Texts.Where(kv => kv.Key != text.SourceLanguage).ToDictionary(StringComparer.Ordinal);
        return others.Count == 0 ? null : others;
    }

    private sealed record FrameworkDto(
        string Id,
        string Version,
        string SourceLanguage,
        List<string> Languages,
        Dictionary<string, string> Title,
        ScoringDto Scoring,
        List<StageDto> Stages,
        List<ThemeDto> Themes,
        List<GroupDto> Groups,
        List<IndicatorDto> Indicators,
        List<OrganisationKindDto>? OrganisationKinds = null);

    private sealed record OrganisationKindDto(string Code, Dictionary<string, string> Name);

    private sealed record ScoringDto(string StageThreshold, string LowCoverage, string? MatchingMargin = null, string? IndicatorWeight = null);

    private sealed record StageDto(int Number, string Key, Dictionary<string, string> Name, Dictionary<string, string> Level);

    private sealed record ThemeDto(string Code, Dictionary<string, string> Name, Dictionary<string, string>? Description);

    private sealed record GroupDto(string Code, Dictionary<string, string> Name, Dictionary<string, string> FinalObjective, List<GroupStageDto> Stages);

    private sealed record GroupStageDto(int Stage, Dictionary<string, string> Narrative);

    private sealed record IndicatorDto(string Code, string Group, int Stage, string Text, Dictionary<string, string>? Translations, List<string> Themes);
}
