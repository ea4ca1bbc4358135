using System.Xml.Linq;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Web.Localization;

/// <summary>The interface's resource files, read from the checkout: each entry's key is the English text.</summary>
public static class SharedResources
{
    /// <summary>The folder of the web app's resource files.</summary>
    public static string Folder { get; } = Path.Combine(TestEnvironment.RepositoryRoot(), "src", "MegaBench.Web", "Resources");

    /// <summary>The translations of one language, in file order.</summary>
    public static IReadOnlyList<Entry> Read(string language) => Parse(File.ReadAllText(PathOf(language)));

    public static string PathOf(string language) => Path.Combine(Folder, $"SharedResource.{language}.resx");

    /// <summary>The languages that have a resource file (English, the source, has none).</summary>
    public static IReadOnlyList<string> Languages() =>
        [.. Directory.GetFiles(Folder, "SharedResource.*.resx").Select(f => Path.GetFileName(f).Split('.')[1]).Order(StringComparer.Ordinal)];

    public static IReadOnlyList<Entry> Parse(string resx)
    {
        var root = XDocument.Parse(resx, LoadOptions.PreserveWhitespace).Root!;
        return [.. root.Elements("data")
            .Where(d => d.Attribute("type") is null && d.Attribute("mimetype") is null)
            .Select(d => new Entry(d.Attribute("name")!.Value, d.Element("value")?.Value ?? ""))];
    }

    public sealed record Entry(string Key, string Value);
}
