using System.Globalization;

namespace MegaBench.Web.Localization;

/// <summary>
/// The languages of the interface: English, the source language, and each language for which the build produced
/// a satellite assembly of <see cref="SharedResource"/> (a <c>Resources/SharedResource.xx.resx</c> file).
/// </summary>
public sealed class Languages
{
    /// <summary>The language the interface texts are written in (the resource keys).</summary>
    public const string Source = "en";

    private const string SatelliteName = "MegaBench.Web.resources.dll";

    public Languages(IEnumerable<string> codes)
    {
        Codes = [Source, .. codes.Where(c => c != Source).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>Two-letter codes, the source language first.</summary>
    public IReadOnlyList<string> Codes { get; }

    public bool IsSupported(string? code) => code is not null && Codes.Contains(code, StringComparer.Ordinal);

    /// <summary>The language's name in itself ("English", "Français"), as a language switch shows it.</summary>
    public static string NativeName(string code)
    {
        var name = CultureInfo.GetCultureInfo(code).NativeName;
        return name.Length == 0 ? code : char.ToUpper(name[0], CultureInfo.GetCultureInfo(code)) + name[1..];
    }

    /// <summary>Finds the satellite assemblies beside the application: each sub-directory holding one is a language.</summary>
    public static Languages Discover(string baseDirectory)
    {
        var codes = new List<string>();
        foreach (var directory in Directory.EnumerateDirectories(baseDirectory))
        {
            var code = Path.GetFileName(directory);
            if (File.Exists(Path.Combine(directory, SatelliteName)) && IsCultureName(code))
            {
                codes.Add(code);
            }
        }

        return new Languages(codes);
    }

    private static bool IsCultureName(string code)
    {
        try
        {
            return CultureInfo.GetCultureInfo(code, predefinedOnly: true).Name.Length > 0;
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }
}
