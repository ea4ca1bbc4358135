namespace MegaBench.Frameworks;

/// <summary>
/// A benchmark framework: the checklist a city's organisations answer. It is data, loaded from a YAML
/// file (see <c>frameworks/README.md</c>) and stored with every round that uses it, so that a later edit
/// of the file never changes the meaning of answers already given.
/// </summary>
/// <remarks>
/// Groups, stages, themes and indicators keep the order of the file: it is the order of the assessment
/// sheets. Codes are the stable identity of each item; texts may be corrected between versions.
/// </remarks>
public sealed record Framework(
    string Id,
    string Version,
    LocalizedText Title,
    string SourceLanguage,
    IReadOnlyList<string> Languages,
    ScoringParameters Scoring,
    IReadOnlyList<Stage> Stages,
    IReadOnlyList<Theme> Themes,
    IReadOnlyList<StakeholderGroup> Groups)
{
    /// <summary>Every indicator of every group, in sheet order (group, then stage, then position).</summary>
    public IEnumerable<Indicator> Indicators =>
        Groups.SelectMany(g => g.Stages).SelectMany(s => s.Indicators);

    public StakeholderGroup? FindGroup(string code) =>
        Groups.FirstOrDefault(g => string.Equals(g.Code, code, StringComparison.Ordinal));

    public Indicator? FindIndicator(string code) =>
        Indicators.FirstOrDefault(i => string.Equals(i.Code, code, StringComparison.Ordinal));

    public Theme? FindTheme(string code) =>
        Themes.FirstOrDefault(t => string.Equals(t.Code, code, StringComparison.Ordinal));

    public Stage? FindStage(int number) => Stages.FirstOrDefault(s => s.Number == number);

    /// <summary>
    /// The kinds of organisation (city, chamber, incubator …) a round of this framework may hold, in the order
    /// of its list; <see cref="OrganisationKind.Defaults"/> (MEGA's list) when the file lists none.
    /// </summary>
    public IReadOnlyList<OrganisationKind> OrganisationKinds { get; init; } = OrganisationKind.Defaults;

    public OrganisationKind? FindOrganisationKind(string? code) =>
        OrganisationKinds.FirstOrDefault(k => string.Equals(k.Code, code, StringComparison.Ordinal));

    /// <summary>
    /// The one check of an organisation's kind: null when <paramref name="code"/> is one of this framework's
    /// kinds, otherwise the English problem naming the valid codes (every path that creates or changes an
    /// organisation calls this).
    /// </summary>
    public string? OrganisationKindProblem(string? code) =>
        FindOrganisationKind(code) is not null
            ? null
            : $"'{code}' is not a kind of organisation of framework {Id}; use one of {string.Join(", ", OrganisationKinds.Select(k => k.Code))}";
}

/// <summary>A kind of organisation (e.g. <c>city</c>, <c>business-association</c>) a framework lists; its code is what rounds store.</summary>
public sealed record OrganisationKind(string Code, LocalizedText Name)
{
    private static OrganisationKind Kind(string code, string en, string fr) =>
        new(code, new LocalizedText("en", new Dictionary<string, string>(StringComparer.Ordinal) { ["en"] = en, ["fr"] = fr }));

    /// <summary>MEGA's kinds: the list of a framework whose file has no <c>organisation_kinds</c>. The one place it is written.</summary>
    public static readonly IReadOnlyList<OrganisationKind> Defaults =
    [
        Kind("city", "City", "Ville"),
        Kind("department", "Department", "Département"),
        Kind("region", "Region", "Région"),
        Kind("intermunicipality", "Intermunicipality", "Intercommunalité"),
        Kind("chamber", "Chamber", "Chambre consulaire"),
        Kind("business-association", "Business association", "Association d’entreprises"),
        Kind("migrant-association", "Migrant association", "Association de migrants"),
        Kind("incubator", "Incubator", "Incubateur"),
        Kind("foundation", "Foundation", "Fondation"),
        Kind("other", "Other", "Autre"),
    ];
}

/// <summary>One of the three stages: 1 laying the foundations (basic), 2 expanding the work, 3 normal practice.</summary>
public sealed record Stage(int Number, string Key, LocalizedText Name, LocalizedText Level);

/// <summary>A policy area that indicators contribute to (MEGA's nine, plus any the framework adds).</summary>
public sealed record Theme(string Code, LocalizedText Name, LocalizedText? Description);

/// <summary>A stakeholder group, with its final objective and its checklist stage by stage.</summary>
public sealed record StakeholderGroup(
    string Code,
    LocalizedText Name,
    LocalizedText FinalObjective,
    IReadOnlyList<GroupStage> Stages)
{
    public IEnumerable<Indicator> Indicators => Stages.SelectMany(s => s.Indicators);

    public GroupStage? FindStage(int number) => Stages.FirstOrDefault(s => s.Stage == number);
}

/// <summary>A group's checklist at one stage, introduced by the stage narrative for that group.</summary>
public sealed record GroupStage(int Stage, LocalizedText Narrative, IReadOnlyList<Indicator> Indicators);

/// <summary>One checklist statement, answered yes / no / not determined by each organisation of its group.</summary>
public sealed record Indicator(string Code, string Group, int Stage, LocalizedText Text, IReadOnlyList<string> Themes);

/// <summary>
/// Parameters of the scoring rules, so that a network can change them without a code change.
/// </summary>
/// <remarks>
/// The threshold is a ratio of whole numbers (default 2/3) and is compared as a <see cref="Fraction"/>, by
/// cross-multiplication, so "4 of 6 met" clears a 2/3 threshold exactly, with no floating-point rounding at the
/// boundary. Every other comparison of derived figures (the matching's margin, median and thirds) goes the same way.
/// <para>The matching's two parameters belong to the framework too, since a framework with other themes and other
/// statement counts may need another margin or weight: <see cref="MatchingMargin"/>, in points on the 0–100 scale, is how
/// far from the network median a figure must be to be a strength or a gap (default 15); <see cref="IndicatorWeight"/> is
/// the weight of one statement-level gap in the learning value, relative to a theme-level gap (default 0.1). The defaults
/// are MEGA's, and a framework that keeps them stores the same canonical JSON as before they were parameters.</para>
/// </remarks>
public sealed record ScoringParameters(Ratio StageThreshold, Ratio LowCoverage)
{
    public const decimal DefaultMatchingMargin = 15;

    public const decimal DefaultIndicatorWeight = 0.1m;

    public static ScoringParameters Default { get; } = new(new Ratio(2, 3), new Ratio(1, 2));

    /// <summary>Points on the 0–100 scale, above 0 and at most 100.</summary>
    public decimal MatchingMargin { get; init; } = DefaultMatchingMargin;

    /// <summary>0 or more.</summary>
    public decimal IndicatorWeight { get; init; } = DefaultIndicatorWeight;
}

/// <summary>A fraction of whole numbers, 0 ≤ numerator ≤ denominator, denominator &gt; 0.</summary>
public readonly record struct Ratio(int Numerator, int Denominator)
{
    /// <summary>True when <paramref name="part"/> / <paramref name="whole"/> is at least this ratio, compared exactly.</summary>
    public bool IsMetBy(int part, int whole) =>
        whole > 0 && new Fraction(part, whole) >= ToFraction();

    public double Value => (double)Numerator / Denominator;

    /// <summary>The ratio as an exact figure, to compare with the figures derived from answers.</summary>
    public Fraction ToFraction() => new(Numerator, Denominator);

    /// <summary>"4/6" as stored: the form the canonical JSON and the YAML export write, so that the hash never changes.</summary>
    public string Canonical => $"{Numerator}/{Denominator}";

    /// <summary>The ratio as people read it, reduced: "3/5" for 6000/10000 (a file's 0.6), "2/3" for 4/6.</summary>
    public override string ToString()
    {
        var divisor = (int)System.Numerics.BigInteger.GreatestCommonDivisor(Numerator, Denominator);
        return divisor <= 1 ? Canonical : $"{Numerator / divisor}/{Denominator / divisor}";
    }

    /// <summary>Parses "2/3" or a decimal such as "0.5" (kept exact up to four decimals).</summary>
    public static bool TryParse(string? text, out Ratio ratio)
    {
        ratio = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Split('/', StringSplitOptions.TrimEntries);
        if (parts.Length == 2
            && int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var d)
            && d > 0 && n <= d)
        {
            ratio = new Ratio(n, d);
            return true;
        }

        if (parts.Length == 1
            && decimal.TryParse(parts[0], System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value is >= 0 and <= 1)
        {
            ratio = new Ratio((int)decimal.Round(value * 10000), 10000);
            return true;
        }

        return false;
    }
}
