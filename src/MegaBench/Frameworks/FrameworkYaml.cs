using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MegaBench.Frameworks;

/// <summary>
/// Writes a framework in the file format that <see cref="FrameworkLoader"/> reads (see
/// <c>frameworks/README.md</c>), for <c>megabench framework export --format yaml</c>.
/// </summary>
/// <remarks>
/// Loading the output gives back an equal framework (the same canonical JSON). Long texts are written as
/// folded blocks (<c>&gt;-</c>) so that a statement reads as a paragraph; YamlDotNet's emitter falls back to
/// a quoted scalar whenever a block could not hold the text exactly, so the round trip never depends on
/// the text's content. The scoring parameters are always written, even when they are the defaults, so
/// that the file states the rules it will be scored with.
/// </remarks>
public static partial class FrameworkYaml
{
    // Texts longer than this are folded blocks; shorter ones stay on their key's line.
    private const int FoldAbove = 60;

    public static string Serialize(Framework framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var emitter = new Emitter(writer, new EmitterSettings(bestIndent: 2, bestWidth: 100, isCanonical: false, maxSimpleKeyLength: 1024, indentSequences: true, newLine: "\n"));
        var yaml = new Writer(emitter);

        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        yaml.BeginMapping();
        yaml.Key("id").Plain(framework.Id);
        // Quoted, so that a version such as 2018.1 stays text for every YAML reader, not a number.
        yaml.Key("version").Quoted(framework.Version);
        yaml.Key("title").Text(framework.Title);
        yaml.Key("source_language").Plain(framework.SourceLanguage);
        yaml.Key("languages").FlowList(framework.Languages);

        yaml.Key("scoring").BeginMapping();
        yaml.Key("stage_threshold").Unquoted(RatioText(framework.Scoring.StageThreshold));
        yaml.Key("low_coverage").Unquoted(RatioText(framework.Scoring.LowCoverage));
        yaml.Key("matching_margin").Unquoted(framework.Scoring.MatchingMargin.ToString("0.####", CultureInfo.InvariantCulture));
        yaml.Key("indicator_weight").Unquoted(framework.Scoring.IndicatorWeight.ToString("0.####", CultureInfo.InvariantCulture));
        yaml.EndMapping();

        yaml.Key("stages").BeginList();
        foreach (var stage in framework.Stages)
        {
            yaml.BeginMapping();
            yaml.Key("number").Unquoted(stage.Number.ToString(CultureInfo.InvariantCulture));
            yaml.Key("key").Plain(stage.Key);
            yaml.Key("name").Text(stage.Name);
            yaml.Key("level").Text(stage.Level);
            yaml.EndMapping();
        }

        yaml.EndList();

        yaml.Key("themes").BeginList();
        foreach (var theme in framework.Themes)
        {
            yaml.BeginMapping();
            yaml.Key("code").Plain(theme.Code);
            yaml.Key("name").Text(theme.Name);
            if (theme.Description is not null)
            {
                yaml.Key("description").Text(theme.Description);
            }

            yaml.EndMapping();
        }

        yaml.EndList();

        yaml.Key("groups").BeginList();
        foreach (var group in framework.Groups)
        {
            yaml.BeginMapping();
            yaml.Key("code").Plain(group.Code);
            yaml.Key("name").Text(group.Name);
            yaml.Key("final_objective").Text(group.FinalObjective);
            yaml.Key("stages").BeginList();
            foreach (var stage in group.Stages)
            {
                yaml.BeginMapping();
                yaml.Key("stage").Unquoted(stage.Stage.ToString(CultureInfo.InvariantCulture));
                yaml.Key("narrative").Text(stage.Narrative);
                yaml.Key("indicators").BeginList();
                foreach (var indicator in stage.Indicators)
                {
                    yaml.BeginMapping();
                    yaml.Key("code").Plain(indicator.Code);
                    yaml.Key("text").Text(indicator.Text);
                    yaml.Key("themes").FlowList(indicator.Themes);
                    yaml.EndMapping();
                }

                yaml.EndList();
                yaml.EndMapping();
            }

            yaml.EndList();
            yaml.EndMapping();
        }

        yaml.EndList();

        // Listed only when the framework has its own; without the key, MEGA's kinds apply (and the hash is kept).
        if (!ReferenceEquals(framework.OrganisationKinds, OrganisationKind.Defaults))
        {
            yaml.Key("organisation_kinds").BeginList();
            foreach (var kind in framework.OrganisationKinds)
            {
                yaml.BeginMapping();
                yaml.Key("code").Plain(kind.Code);
                yaml.Key("name").Text(kind.Name);
                yaml.EndMapping();
            }

            yaml.EndList();
        }

        yaml.EndMapping();
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    /// <summary>
    /// A ratio as the file would state it: a decimal when <see cref="Ratio.TryParse"/> made it from one
    /// (it keeps decimals over 10000), otherwise the fraction. Either form parses back to the same ratio.
    /// </summary>
    private static string RatioText(Ratio ratio) =>
        ratio.Denominator == 10000
            ? (ratio.Numerator / 10000m).ToString("0.####", CultureInfo.InvariantCulture)
            : ratio.Canonical;

    // Plain scalars that a YAML 1.1 or 1.2 reader would take for a null, a boolean or a number.
    [GeneratedRegex(@"^(~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N|[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|0x[0-9a-fA-F_]+|0o?[0-7_]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex NonTextPlainScalar();

    private static readonly System.Buffers.SearchValues<char> OtherLineBreaks = System.Buffers.SearchValues.Create("\r\u0085\u2028\u2029");

    /// <summary>A thin fluent layer over the emitter's events, so the structure above reads like the file.</summary>
    private sealed class Writer(IEmitter emitter)
    {
        public Writer Key(string key)
        {
            Plain(key);
            return this;
        }

        public void Plain(string value) =>
            emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value, TextStyle(value, fold: false), true, true));

        /// <summary>A number or ratio, meant to be read as one.</summary>
        public void Unquoted(string value) =>
            emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value, ScalarStyle.Plain, true, true));

        public void Quoted(string value) =>
            emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value, ScalarStyle.DoubleQuoted, true, true));

        /// <summary>A localized text, one line per language, in ordinal order of the language codes.</summary>
        public void Text(LocalizedText text)
        {
            BeginMapping();
            foreach (var (language, value) in text.Texts)
            {
                Key(language);
                emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value, TextStyle(value, fold: true), true, true));
            }

            EndMapping();
        }

        public void FlowList(IEnumerable<string> values)
        {
            emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Flow));
            foreach (var value in values)
            {
                Plain(value);
            }

            emitter.Emit(new SequenceEnd());
        }

        public Writer BeginMapping()
        {
            emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block));
            return this;
        }

        public void EndMapping() => emitter.Emit(new MappingEnd());

        public void BeginList() =>
            emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Block));

        public void EndList() => emitter.Emit(new SequenceEnd());

        // A block scalar reads every line break back as "\n", so a text with another kind of break is
        // written double-quoted, where it is escaped.
        private static ScalarStyle TextStyle(string value, bool fold) =>
            NonTextPlainScalar().IsMatch(value) || value.AsSpan().IndexOfAny(OtherLineBreaks) >= 0 ? ScalarStyle.DoubleQuoted
            : value.Contains('\n', StringComparison.Ordinal) ? ScalarStyle.Literal
            : fold && value.Length > FoldAbove ? ScalarStyle.Folded
            : ScalarStyle.Any;
    }
}
