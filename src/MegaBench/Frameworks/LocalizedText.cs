namespace MegaBench.Frameworks;

/// <summary>
/// A text in several languages. The framework's source language is always present; another language
/// may be missing, in which case <see cref="Get"/> falls back to the source text and says so, so that a
/// page can mark the fallback visibly instead of showing an empty label.
/// </summary>
public sealed class LocalizedText : IEquatable<LocalizedText>
{
    private readonly SortedDictionary<string, string> _texts;

    public LocalizedText(string sourceLanguage, IEnumerable<KeyValuePair<string, string>> texts)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceLanguage);
        SourceLanguage = sourceLanguage;
        _texts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (language, text) in texts)
        {
            _texts[language] = text;
        }

        if (!_texts.ContainsKey(sourceLanguage))
        {
            throw new ArgumentException($"The text has no version in its source language '{sourceLanguage}'.", nameof(texts));
        }
    }

    public static LocalizedText Of(string sourceLanguage, string text) =>
        new(sourceLanguage, [new(sourceLanguage, text)]);

    public string SourceLanguage { get; }

    /// <summary>The texts by language code, in ordinal order of the codes.</summary>
    public IReadOnlyDictionary<string, string> Texts => _texts;

    /// <summary>The source-language text.</summary>
    public string Source => _texts[SourceLanguage];

    public bool Has(string language) => _texts.ContainsKey(language);

    /// <summary>The text in <paramref name="language"/>, or the source text with <c>IsFallback</c> set.</summary>
    public (string Text, bool IsFallback) Get(string language) =>
        _texts.TryGetValue(language, out var text) ? (text, false) : (Source, !string.Equals(language, SourceLanguage, StringComparison.Ordinal));

    /// <summary>The text in <paramref name="language"/>, or the source text.</summary>
    public string this[string language] => Get(language).Text;

    public override string ToString() => Source;

    public bool Equals(LocalizedText? other) =>
        other is not null
        && SourceLanguage == other.SourceLanguage
        && _texts.Count == other._texts.Count
        && _texts.All(kv => other._texts.TryGetValue(kv.Key, out var t) && t == kv.Value);

    public override bool Equals(object? obj) => Equals(obj as LocalizedText);

    public override int GetHashCode() => HashCode.Combine(SourceLanguage, Source);
}
