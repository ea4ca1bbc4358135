using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MegaBench.Frameworks;

/// <summary>
/// The checked reads of single YAML nodes of a framework file: a mapping, a list, a value, a code, a number, a
/// language code. Each returns null after reporting the problem to <see cref="FrameworkProblems"/>, or when the
/// node is absent.
/// </summary>
internal sealed partial class FrameworkNodes(FrameworkProblems problems)
{
    // Codes are identities that appear in URLs, file names and exports, so they keep to a safe alphabet.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();

    // A BCP 47 language tag in its common form: en, fr, pt-BR, zh-Hant.
    [GeneratedRegex("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguagePattern();

    /// <summary>A BCP 47 language tag in its common form.</summary>
    public static bool IsLanguage(string text) => LanguagePattern().IsMatch(text);

    public YamlMappingNode? Mapping(YamlNode node, string label, string expected)
    {
        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }

        problems.Report(node, $"{label} must be a mapping with {expected}, not {Describe(node)}; check the indentation and the '-' that starts each entry");
        return null;
    }

    public List<YamlNode>? List(YamlNode? node, string label, string example)
    {
        switch (node)
        {
            case null:
                return null;
            case YamlSequenceNode sequence:
                return [.. sequence.Children];
            case YamlScalarNode scalar when IsEmpty(scalar):
                // "key:" with nothing after it reads as an empty list: the caller says what it needs.
                return [];
            default:
                problems.Report(node, $"{label} must be a list, not {Describe(node)}; write {example}");
                return null;
        }
    }

    public string? Scalar(YamlNode? node, string label, string example)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not YamlScalarNode scalar)
        {
            problems.Report(node, $"{label} must be a single value, not {Describe(node)}; write {example}");
            return null;
        }

        if (IsEmpty(scalar))
        {
            problems.Report(node, $"{label} is empty; write {example}");
            return null;
        }

        return scalar.Value!.Trim();
    }

    public string? Code(YamlNode? node, string label, string example)
    {
        var code = Scalar(node, label, example);
        if (code is null || CodePattern().IsMatch(code))
        {
            return code;
        }

        problems.Report(node!, $"{label} '{code}' is not a valid code; use only letters, digits, '.', '_' and '-', starting with a letter or a digit (for example {example})");
        return null;
    }

    public int? Number(YamlNode? node, string label, string example)
    {
        var text = Scalar(node, label, example);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1)
        {
            return number;
        }

        problems.Report(node!, $"{label} is '{text}', which is not a whole number of 1 or more; write {example}");
        return null;
    }

    // A plain "key:" or "key: ~" is YAML's null, not a text.
    public static bool IsEmpty(YamlScalarNode scalar) =>
        string.IsNullOrWhiteSpace(scalar.Value)
        || (scalar.Style == ScalarStyle.Plain && scalar.Value is "~" or "null" or "Null" or "NULL");

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping (key: value pairs)",
        YamlSequenceNode => "a list",
        YamlScalarNode scalar when IsEmpty(scalar) => "an empty value",
        YamlScalarNode { Value: { } value } => $"the value '{(value.Length > 40 ? value[..40] + "..." : value)}'",
        _ => "this node",
    };
}

/// <summary>A mapping with a fixed set of keys.</summary>
/// <remarks>
/// An entry is first named by its position ("group #2"), which messages about its code use; once its
/// code is read, <see cref="Identify"/> names it by code and reports its unknown keys (typos).
/// </remarks>
internal sealed class FrameworkMapping(FrameworkProblems problems, YamlMappingNode node, string owner, string[] keys)
{
    private string _owner = owner;

    public void Identify(string name)
    {
        _owner = name;
        foreach (var key in node.Children.Keys)
        {
            if (key is not YamlScalarNode { Value: { } text })
            {
                problems.Report(key, $"{_owner} has a key that is not a name; use only the keys {string.Join(", ", keys)}");
            }
            else if (!keys.Contains(text))
            {
                problems.Report(key, $"unknown key '{text}' in {_owner}; {FrameworkProblems.Suggest(text, keys)}the keys allowed here are {string.Join(", ", keys)}");
            }
        }
    }

    public YamlNode? Key(string key) =>
        node.Children.Keys.FirstOrDefault(k => k is YamlScalarNode { Value: { } name } && name == key);

    public YamlNode? Optional(string key) =>
        Key(key) is { } keyNode ? node.Children[keyNode] : null;

    public YamlNode? Required(string key, string example)
    {
        var value = Optional(key);
        if (value is null)
        {
            problems.Report(node, $"{_owner} has no '{key}'; add {example}");
        }

        return value;
    }
}
