using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MegaBench.Frameworks;

/// <summary>
/// Reads one framework file, section by section (languages, scoring, stages, themes, organisation kinds, groups with
/// their stages and indicators), into the framework's records. Every method returns null after reporting a
/// problem, never without one; the checks of single values are <see cref="FrameworkNodes"/>', the problems
/// <see cref="FrameworkProblems"/>.
/// </summary>
/// <remarks>
/// The YAML is read through YamlDotNet's representation model (not object deserialization) because its
/// nodes keep their position in the file, which every message needs.
/// </remarks>
internal sealed partial class FrameworkReader
{
    // YamlDotNet puts both marks in front of its message; the problem carries the position already.
    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ", RegexOptions.CultureInvariant)]
    private static partial Regex YamlMarkPrefix();

    private static readonly string[] RootKeys = ["id", "version", "title", "source_language", "languages", "scoring", "stages", "themes", "groups", "organisation_kinds"];
    private static readonly string[] ScoringKeys = ["stage_threshold", "low_coverage", "matching_margin", "indicator_weight"];
    private static readonly string[] StageKeys = ["number", "key", "name", "level"];
    private static readonly string[] ThemeKeys = ["code", "name", "description"];

    private static readonly string[] OrganisationKindKeys = ["code", "name"];
    private static readonly string[] GroupKeys = ["code", "name", "final_objective", "stages"];
    private static readonly string[] GroupStageKeys = ["stage", "narrative", "indicators"];
    private static readonly string[] IndicatorKeys = ["code", "text", "themes"];

    private readonly FrameworkProblems _problems;

    private readonly FrameworkNodes _nodes;

    private string? _source;

    // In file order; null while the list is missing or invalid: texts are then not checked against it.
    private List<string>? _languages;

    // The theme codes read, even if some theme is invalid, so that indicators are checked against them.
    private List<string>? _themeCodes;

    /// <param name="file">The file name that messages cite.</param>
    public FrameworkReader(string file)
    {
        _problems = new FrameworkProblems(file);
        _nodes = new FrameworkNodes(_problems);
    }

    public List<FrameworkProblem> Problems => _problems.Items;

    public (int Line, int Column) IdPosition { get; private set; }

    public List<FrameworkProblem> SortedProblems() => _problems.Sorted();

    public Framework? Read(string yaml)
    {
        if (TooDeep(yaml))
        {
            return null;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            var reason = YamlMarkPrefix().Replace(e.Message, "").TrimEnd('.');
            _problems.Report(e.Start, reason.StartsWith("Duplicate key ", StringComparison.Ordinal)
                ? $"the file is not valid YAML: the key '{reason["Duplicate key ".Length..]}' appears twice in the same mapping; keep only one of the two"
                : $"the file is not valid YAML: {reason}; fix the syntax at this place (a wrong indentation, a missing ':' or an unclosed quote are the usual causes)");
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            _problems.Report(1, 1, "the file holds no framework; write one as described in frameworks/README.md");
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            _problems.Report(stream.Documents[1].RootNode, "the file holds a second YAML document; keep one framework per file and remove the second '---' and what follows");
        }

        var node = stream.Documents[0].RootNode;
        if (node is not YamlMappingNode rootNode)
        {
            _problems.Report(node, $"the file must hold a mapping of keys (id:, version:, title: ...), not {FrameworkNodes.Describe(node)}; start from the example in frameworks/README.md");
            return null;
        }

        var root = new FrameworkMapping(_problems, rootNode, "the framework", RootKeys);
        root.Identify("the framework");
        ReadLanguages(root);

        var idNode = root.Required("id", "id: mega-2018");
        if (idNode is not null)
        {
            IdPosition = FrameworkProblems.Position(idNode.Start);
        }

        var id = _nodes.Code(idNode, "'id' of the framework", "mega-2018");
        var version = _nodes.Code(root.Required("version", "version: \"2018.1\""), "'version' of the framework", "2018.1");
        var title = Text(root.Required("title", "title: {en: \"...\"}"), "'title' of the framework");
        var scoring = ReadScoring(root.Optional("scoring"));
        var (stages, declared) = ReadStages(root);
        var themes = ReadThemes(root);
        var groups = ReadGroups(root, declared, themes);
        var kindsNode = root.Optional("organisation_kinds");
        var kinds = kindsNode is null ? OrganisationKind.Defaults : ReadOrganisationKinds(root);

        if (id is null || version is null || title is null || _source is null || _languages is null
            || scoring is null || stages is null || themes is null || groups is null || kinds is null)
        {
            return null;
        }

        return new Framework(id, version, title, _source, _languages, scoring, stages, themes, groups) { OrganisationKinds = kinds };
    }

    private void ReadLanguages(FrameworkMapping root)
    {
        var sourceNode = root.Required("source_language", "source_language: en");
        var source = _nodes.Scalar(sourceNode, "'source_language' of the framework", "source_language: en");
        if (source is not null && !FrameworkNodes.IsLanguage(source))
        {
            _problems.Report(sourceNode!, $"'source_language' '{source}' is not a language code; write a code such as en, fr or pt-BR");
            source = null;
        }

        var languagesNode = root.Required("languages", "languages: [en, fr]");
        var items = _nodes.List(languagesNode, "'languages' of the framework", "languages: [en, fr]");
        if (items is null)
        {
            _source = source;
            return;
        }

        var languages = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var ordered = new List<string>();
        var valid = true;
        foreach (var item in items)
        {
            var language = _nodes.Scalar(item, "a language of 'languages'", "languages: [en, fr]");
            if (language is null)
            {
                valid = false;
            }
            else if (!FrameworkNodes.IsLanguage(language))
            {
                _problems.Report(item, $"'{language}' in 'languages' is not a language code; write a code such as en, fr or pt-BR");
                valid = false;
            }
            else if (!languages.TryAdd(language, item))
            {
                _problems.Report(item, $"language '{language}' is listed twice in 'languages' (first at line {FrameworkProblems.Line(languages[language])}); remove the repeat");
                valid = false;
            }
            else
            {
                ordered.Add(language);
            }
        }

        if (source is not null && items.Count > 0 && !languages.ContainsKey(source))
        {
            _problems.Report(languagesNode!, $"'languages' does not include the source language '{source}'; add {source} to the list");
            valid = false;
        }
        else if (items.Count == 0)
        {
            _problems.Report(languagesNode!, $"'languages' is empty; list at least the source language, e.g. languages: [{source ?? "en"}]");
            valid = false;
        }

        _source = source;
        _languages = valid ? ordered : null;
    }

    private ScoringParameters? ReadScoring(YamlNode? node)
    {
        if (node is null)
        {
            return ScoringParameters.Default;
        }

        var mapping = _nodes.Mapping(node, "'scoring' of the framework", "scoring: {stage_threshold: 2/3, low_coverage: 1/2}");
        if (mapping is null)
        {
            return null;
        }

        var scoring = new FrameworkMapping(_problems, mapping, "'scoring'", ScoringKeys);
        scoring.Identify("'scoring'");
        var threshold = ReadRatio(scoring.Optional("stage_threshold"), "stage_threshold", ScoringParameters.Default.StageThreshold);
        var lowCoverage = ReadRatio(scoring.Optional("low_coverage"), "low_coverage", ScoringParameters.Default.LowCoverage);
        if (threshold is { Numerator: 0 })
        {
            _problems.Report(scoring.Optional("stage_threshold")!, "'stage_threshold' of scoring is 0, which would count every stage as reached without a single yes; write a share above 0 such as 2/3");
            threshold = null;
        }

        var margin = ReadNumber(scoring.Optional("matching_margin"), "matching_margin", ScoringParameters.DefaultMatchingMargin, 100, "a number of points above 0 and at most 100, such as 15");
        if (margin == 0)
        {
            _problems.Report(scoring.Optional("matching_margin")!, "'matching_margin' of scoring is 0, which would make every difference from the median a strength or a gap; write a number of points above 0 such as 15");
            margin = null;
        }

        var weight = ReadNumber(scoring.Optional("indicator_weight"), "indicator_weight", ScoringParameters.DefaultIndicatorWeight, 100, "a number from 0 to 100, such as 0.1");
        return threshold is null || lowCoverage is null || margin is null || weight is null
            ? null
            : new ScoringParameters(threshold.Value, lowCoverage.Value) { MatchingMargin = margin.Value, IndicatorWeight = weight.Value };
    }

    private decimal? ReadNumber(YamlNode? node, string key, decimal fallback, decimal maximum, string expected)
    {
        if (node is null)
        {
            return fallback;
        }

        var text = _nodes.Scalar(node, $"'{key}' of scoring", $"{key}: {fallback.ToString(CultureInfo.InvariantCulture)}");
        if (text is null)
        {
            return null;
        }

        // Four decimals at most, as the canonical JSON keeps them.
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            && value <= maximum && decimal.Round(value, 4) == value)
        {
            return value;
        }

        _problems.Report(node, $"'{key}' of scoring is '{text}', which is not {expected} (four decimals at most)");
        return null;
    }

    private Ratio? ReadRatio(YamlNode? node, string key, Ratio fallback)
    {
        if (node is null)
        {
            return fallback;
        }

        var text = _nodes.Scalar(node, $"'{key}' of scoring", $"{key}: {fallback}");
        if (text is null)
        {
            return null;
        }

        if (Ratio.TryParse(text, out var ratio))
        {
            return ratio;
        }

        _problems.Report(node, $"'{key}' of scoring is '{text}', which is not a share between 0 and 1; write a fraction such as 2/3 or a decimal such as 0.5");
        return null;
    }

    private (List<Stage>? Stages, SortedSet<int>? Declared) ReadStages(FrameworkMapping root)
    {
        var items = _nodes.List(root.Required("stages", "stages: with one '- number: 1' entry per stage"), "'stages' of the framework", "a list of '- number: 1' entries");
        if (items is null)
        {
            return (null, null);
        }

        if (items.Count == 0)
        {
            _problems.Report(root.Key("stages")!, "'stages' is empty; declare at least one stage (number, key, name and level)");
            return (null, null);
        }

        var stages = new List<Stage>();
        var numbers = new Dictionary<int, YamlNode>();
        var keys = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var valid = true;
        for (var i = 0; i < items.Count; i++)
        {
            var mapping = _nodes.Mapping(items[i], $"stage #{i + 1}", "number:, key:, name: and level: keys");
            if (mapping is null)
            {
                valid = false;
                continue;
            }

            var fields = new FrameworkMapping(_problems, mapping, $"stage #{i + 1}", StageKeys);
            var numberNode = fields.Required("number", $"number: {i + 1}");
            var number = _nodes.Number(numberNode, $"'number' of stage #{i + 1}", $"number: {i + 1}");
            var owner = number is null ? $"stage #{i + 1}" : $"stage {number}";
            fields.Identify(owner);
            if (number is int n)
            {
                if (numbers.TryGetValue(n, out var first))
                {
                    _problems.Report(numberNode!, $"stage {n} is declared twice (first at line {FrameworkProblems.Line(first)}); number the stages 1, 2, 3 ... once each");
                    number = null;
                }
                else
                {
                    numbers.Add(n, numberNode!);
                    if (n != i + 1)
                    {
                        _problems.Report(numberNode!, $"stage {n} is listed in position {i + 1}; number the stages 1, 2, 3 ... in the order they are listed (this one should be {i + 1})");
                        number = null;
                    }
                }
            }

            var keyNode = fields.Required("key", "key: basic");
            var key = _nodes.Code(keyNode, $"'key' of {owner}", "basic");
            if (key is not null && !keys.TryAdd(key, keyNode!))
            {
                _problems.Report(keyNode!, $"stage key '{key}' is already used by another stage (line {FrameworkProblems.Line(keys[key])}); give each stage its own key");
                key = null;
            }

            var name = Text(fields.Required("name", "name: {en: \"Laying the foundations\"}"), $"'name' of {owner}");
            var level = Text(fields.Required("level", "level: {en: \"basic level\"}"), $"'level' of {owner}");
            if (number is null || key is null || name is null || level is null)
            {
                valid = false;
                continue;
            }

            stages.Add(new Stage(number.Value, key, name, level));
        }

        return (valid ? stages : null, [.. numbers.Keys]);
    }

    /// <returns>The themes when all are valid; otherwise null, with the codes that were read still usable.</returns>
    private List<Theme>? ReadThemes(FrameworkMapping root)
    {
        var items = _nodes.List(root.Required("themes", "themes: with one '- code: ...' entry per theme"), "'themes' of the framework", "a list of '- code: data' entries");
        _themeCodes = null;
        if (items is null)
        {
            return null;
        }

        if (items.Count == 0)
        {
            _problems.Report(root.Key("themes")!, "'themes' is empty; declare the themes that indicators are tagged with (code and name)");
            return null;
        }

        var themes = new List<Theme>();
        var codes = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var valid = true;
        for (var i = 0; i < items.Count; i++)
        {
            var mapping = _nodes.Mapping(items[i], $"theme #{i + 1}", "code:, name: and an optional description:");
            if (mapping is null)
            {
                valid = false;
                continue;
            }

            var fields = new FrameworkMapping(_problems, mapping, $"theme #{i + 1}", ThemeKeys);
            var codeNode = fields.Required("code", "code: finance");
            var code = _nodes.Code(codeNode, $"'code' of theme #{i + 1}", "access-to-finance");
            var owner = code is null ? $"theme #{i + 1}" : $"theme {code}";
            fields.Identify(owner);
            if (code is not null && !codes.TryAdd(code, codeNode!))
            {
                _problems.Report(codeNode!, $"theme code '{code}' is already used at line {FrameworkProblems.Line(codes[code])}; give each theme its own code");
                code = null;
            }

            var name = Text(fields.Required("name", "name: {en: \"Access to finance\"}"), $"'name' of {owner}");
            var descriptionNode = fields.Optional("description");
            var description = Text(descriptionNode, $"'description' of {owner}");
            if (code is null || name is null || (descriptionNode is not null && description is null))
            {
                valid = false;
                continue;
            }

            themes.Add(new Theme(code, name, description));
        }

        _themeCodes = [.. codes.Keys];
        return valid ? themes : null;
    }

    /// <returns>The framework's own kinds of organisation when all are valid; otherwise null.</returns>
    private List<OrganisationKind>? ReadOrganisationKinds(FrameworkMapping root)
    {
        var items = _nodes.List(root.Optional("organisation_kinds"), "'organisation_kinds' of the framework", "a list of '- code: city' entries");
        if (items is null)
        {
            return null;
        }

        if (items.Count == 0)
        {
            _problems.Report(root.Key("organisation_kinds")!, "'organisation_kinds' is empty; list the kinds of organisation (code and name), or remove the key to use MEGA's list");
            return null;
        }

        var kinds = new List<OrganisationKind>();
        var codes = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var valid = true;
        for (var i = 0; i < items.Count; i++)
        {
            var mapping = _nodes.Mapping(items[i], $"organisation kind #{i + 1}", "code: and name:");
            if (mapping is null)
            {
                valid = false;
                continue;
            }

            var fields = new FrameworkMapping(_problems, mapping, $"organisation kind #{i + 1}", OrganisationKindKeys);
            var codeNode = fields.Required("code", "code: city");
            var code = _nodes.Code(codeNode, $"'code' of organisation kind #{i + 1}", "business-association");
            var owner = code is null ? $"organisation kind #{i + 1}" : $"organisation kind {code}";
            fields.Identify(owner);
            if (code is not null && !codes.TryAdd(code, codeNode!))
            {
                _problems.Report(codeNode!, $"organisation kind code '{code}' is already used at line {FrameworkProblems.Line(codes[code])}; give each kind its own code");
                code = null;
            }

            var name = Text(fields.Required("name", "name: {en: \"City\"}"), $"'name' of {owner}");
            if (code is null || name is null)
            {
                valid = false;
                continue;
            }

            kinds.Add(new OrganisationKind(code, name));
        }

        return valid ? kinds : null;
    }

    private List<StakeholderGroup>? ReadGroups(FrameworkMapping root, SortedSet<int>? declared, List<Theme>? themes)
    {
        var items = _nodes.List(root.Required("groups", "groups: with one '- code: ...' entry per stakeholder group"), "'groups' of the framework", "a list of '- code: MUN' entries");
        if (items is null)
        {
            return null;
        }

        if (items.Count == 0)
        {
            _problems.Report(root.Key("groups")!, "'groups' is empty; declare at least one stakeholder group with its stages and indicators");
            return null;
        }

        var groups = new List<StakeholderGroup>();
        var codes = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var indicatorCodes = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var valid = themes is not null;
        for (var i = 0; i < items.Count; i++)
        {
            var mapping = _nodes.Mapping(items[i], $"group #{i + 1}", "code:, name:, final_objective: and stages: keys");
            if (mapping is null)
            {
                valid = false;
                continue;
            }

            var fields = new FrameworkMapping(_problems, mapping, $"group #{i + 1}", GroupKeys);
            var codeNode = fields.Required("code", "code: MUN");
            var code = _nodes.Code(codeNode, $"'code' of group #{i + 1}", "MUN");
            var owner = code is null ? $"group #{i + 1}" : $"group {code}";
            fields.Identify(owner);
            if (code is not null && !codes.TryAdd(code, codeNode!))
            {
                _problems.Report(codeNode!, $"group code '{code}' is already used at line {FrameworkProblems.Line(codes[code])}; give each stakeholder group its own code");
                code = null;
            }

            var name = Text(fields.Required("name", "name: {en: \"Municipalities & region\"}"), $"'name' of {owner}");
            var objective = Text(fields.Required("final_objective", "final_objective: {en: \"...\"}"), $"'final_objective' of {owner}");
            var stages = ReadGroupStages(fields, owner, code, declared, indicatorCodes);
            if (code is null || name is null || objective is null || stages is null)
            {
                valid = false;
                continue;
            }

            groups.Add(new StakeholderGroup(code, name, objective, stages));
        }

        return valid ? groups : null;
    }

    private List<GroupStage>? ReadGroupStages(FrameworkMapping group, string owner, string? groupCode, SortedSet<int>? declared, Dictionary<string, YamlNode> indicatorCodes)
    {
        var items = _nodes.List(group.Required("stages", "stages: with one '- stage: 1' entry per stage"), $"'stages' of {owner}", "a list of '- stage: 1' entries");
        if (items is null)
        {
            return null;
        }

        var stages = new List<GroupStage>();
        var seen = new Dictionary<int, YamlNode>();
        var valid = true;
        var previous = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var mapping = _nodes.Mapping(items[i], $"stage entry #{i + 1} of {owner}", "stage:, narrative: and indicators: keys");
            if (mapping is null)
            {
                valid = false;
                continue;
            }

            var fields = new FrameworkMapping(_problems, mapping, $"stage entry #{i + 1} of {owner}", GroupStageKeys);
            var numberNode = fields.Required("stage", "stage: 1");
            var number = _nodes.Number(numberNode, $"'stage' of stage entry #{i + 1} of {owner}", "stage: 1");
            var stageOwner = number is null ? $"stage entry #{i + 1} of {owner}" : $"stage {number} of {owner}";
            fields.Identify(stageOwner);
            if (number is int n)
            {
                if (declared is not null && !declared.Contains(n))
                {
                    _problems.Report(numberNode!, $"{owner} lists stage {n}, which is not declared under the framework's stages ({string.Join(", ", declared)}); use a declared stage number or declare stage {n}");
                    number = null;
                }
                else if (seen.TryGetValue(n, out var first))
                {
                    _problems.Report(numberNode!, $"stage {n} appears twice in {owner} (first at line {FrameworkProblems.Line(first)}); merge the two entries into one");
                    number = null;
                }
                else
                {
                    seen.Add(n, numberNode!);
                    if (n < previous)
                    {
                        _problems.Report(numberNode!, $"stage {n} of {owner} comes after stage {previous}; list a group's stages in order (1, 2, 3 ...), as the sheets show them");
                        number = null;
                    }

                    previous = Math.Max(previous, n);
                }
            }

            var narrative = Text(fields.Required("narrative", "narrative: {en: \"...\"}"), $"'narrative' of {stageOwner}");
            var indicators = ReadIndicators(fields, stageOwner, groupCode, number, indicatorCodes);
            if (number is null || narrative is null || indicators is null)
            {
                valid = false;
                continue;
            }

            stages.Add(new GroupStage(number.Value, narrative, indicators));
        }

        foreach (var missing in declared?.Where(n => !seen.ContainsKey(n)) ?? [])
        {
            _problems.Report(group.Key("stages")!, $"{owner} has no stage {missing}; add a '- stage: {missing}' entry with its narrative and indicators");
            valid = false;
        }

        if (declared is null && items.Count == 0)
        {
            _problems.Report(group.Key("stages")!, $"{owner} has no stages; add one '- stage: N' entry per stage declared under the framework's stages");
            valid = false;
        }

        return valid ? stages : null;
    }

    private List<Indicator>? ReadIndicators(FrameworkMapping groupStage, string owner, string? groupCode, int? stage, Dictionary<string, YamlNode> indicatorCodes)
    {
        var items = _nodes.List(groupStage.Required("indicators", "indicators: with at least one '- code: ...' entry"), $"'indicators' of {owner}", "a list of '- code: ...' entries");
        if (items is null)
        {
            return null;
        }

        if (items.Count == 0)
        {
            _problems.Report(groupStage.Key("indicators")!, $"{owner} has no indicators; add at least one (code, text and themes)");
            return null;
        }

        var indicators = new List<Indicator>();
        var valid = true;
        for (var i = 0; i < items.Count; i++)
        {
            var mapping = _nodes.Mapping(items[i], $"indicator #{i + 1} of {owner}", "code:, text: and themes: keys");
            if (mapping is null)
            {
                valid = false;
                continue;
            }

            var fields = new FrameworkMapping(_problems, mapping, $"indicator #{i + 1} of {owner}", IndicatorKeys);
            var codeNode = fields.Required("code", "code: MUN-1.01");
            var code = _nodes.Code(codeNode, $"'code' of indicator #{i + 1} of {owner}", "MUN-1.01");
            var indicatorOwner = code is null ? $"indicator #{i + 1} of {owner}" : $"indicator {code}";
            fields.Identify(indicatorOwner);
            if (code is not null && !indicatorCodes.TryAdd(code, codeNode!))
            {
                _problems.Report(codeNode!, $"indicator code '{code}' is already used at line {FrameworkProblems.Line(indicatorCodes[code])}; give each indicator its own code");
                code = null;
            }

            var text = Text(fields.Required("text", "text: {en: \"...\"}"), $"'text' of {indicatorOwner}");
            var themes = ReadIndicatorThemes(fields, indicatorOwner);
            if (code is null || groupCode is null || stage is null || text is null || themes is null)
            {
                valid = false;
                continue;
            }

            indicators.Add(new Indicator(code, groupCode, stage.Value, text, themes));
        }

        return valid ? indicators : null;
    }

    private List<string>? ReadIndicatorThemes(FrameworkMapping indicator, string owner)
    {
        var example = $"themes: [{_themeCodes?.FirstOrDefault() ?? "data"}]";
        var items = _nodes.List(indicator.Required("themes", example), $"'themes' of {owner}", example);
        if (items is null)
        {
            return null;
        }

        if (items.Count == 0)
        {
            _problems.Report(indicator.Key("themes")!, $"{owner} has no theme; tag it with at least one, e.g. {example}");
            return null;
        }

        var themes = new List<string>();
        var valid = true;
        foreach (var item in items)
        {
            var theme = _nodes.Scalar(item, $"a theme of {owner}", example);
            if (theme is null)
            {
                valid = false;
            }
            else if (_themeCodes is not null && !_themeCodes.Contains(theme))
            {
                _problems.Report(item, $"{owner} uses theme '{theme}', which is not declared under themes; {FrameworkProblems.Suggest(theme, _themeCodes)}" +
                    $"use one of {string.Join(", ", _themeCodes)}, or declare it");
                valid = false;
            }
            else if (themes.Contains(theme))
            {
                _problems.Report(item, $"theme '{theme}' is listed twice for {owner}; remove the repeat");
                valid = false;
            }
            else
            {
                themes.Add(theme);
            }
        }

        return valid ? themes : null;
    }

    /// <summary>A text per language: a mapping such as <c>{en: "...", fr: "..."}</c>.</summary>
    private LocalizedText? Text(YamlNode? node, string label)
    {
        if (node is null)
        {
            return null;
        }

        var source = _source ?? "en";
        if (node is not YamlMappingNode mapping)
        {
            _problems.Report(node, $"{label} must give the text per language, not {FrameworkNodes.Describe(node)}; write it as {{{source}: \"...\"}}");
            return null;
        }

        var texts = new List<KeyValuePair<string, string>>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var valid = true;
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } language })
            {
                _problems.Report(keyNode, $"{label} has a key that is not a language code; write each text as '{source}: \"...\"'");
                valid = false;
                continue;
            }

            keys.Add(language);
            if (_languages is not null && !_languages.Contains(language))
            {
                _problems.Report(keyNode, $"{label} has a text in '{language}', which is not listed in languages ({string.Join(", ", _languages)}); " +
                    $"add '{language}' to languages or correct the language code");
                valid = false;
                continue;
            }

            if (valueNode is not YamlScalarNode scalar)
            {
                _problems.Report(valueNode, $"the '{language}' text of {label} must be a single text, not {FrameworkNodes.Describe(valueNode)}; quote the text or use a '>' block");
                valid = false;
            }
            else if (FrameworkNodes.IsEmpty(scalar) || string.IsNullOrWhiteSpace(scalar.Value))
            {
                var remedy = language == _source
                    ? "write the text"
                    : $"write the text, or remove the '{language}' line so that readers see the {source} text instead";
                _problems.Report(valueNode, $"the '{language}' text of {label} is empty; {remedy}");
                valid = false;
            }
            else
            {
                // Surrounding white space (a block scalar's final line break) is layout, not text.
                texts.Add(new(language, scalar.Value!.Trim()));
            }
        }

        if (_source is not null && !keys.Contains(_source))
        {
            _problems.Report(node, $"{label} has no '{_source}' text, which the source language requires; add {_source}: \"...\"");
            valid = false;
        }

        return valid && _source is not null ? new LocalizedText(_source, texts) : null;
    }

    /// <summary>True, with the problem reported, when the file nests deeper than <see cref="FrameworkLoader.MaxNesting"/>.</summary>
    private bool TooDeep(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var depth = 0;
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart when ++depth > FrameworkLoader.MaxNesting:
                        _problems.Report(parser.Current.Start, $"the file nests more than {FrameworkLoader.MaxNesting} levels of mappings and lists here; a framework needs about 6, so check for a runaway '[' or indentation");
                        return true;
                    case YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd:
                        depth--;
                        break;
                }
            }
        }
        catch (YamlException)
        {
            // A syntax error: the full read reports it with its place.
        }

        return false;
    }
}
