namespace MegaBench.OpenData;

/// <summary>An open licence a network may publish its open data under, as the Data Package's <c>licenses</c> names it.</summary>
/// <param name="Id">The SPDX identifier, stored on the network and the release.</param>
public sealed record OpenLicence(string Id, string Title, Uri Url)
{
    /// <summary>Creative Commons Attribution 4.0: reuse for any purpose, crediting the network.</summary>
    public static OpenLicence Default { get; } = new("CC-BY-4.0", "Creative Commons Attribution 4.0 International", new Uri("https://creativecommons.org/licenses/by/4.0/"));

    /// <summary>The licences offered: open (Open Definition conformant) licences for data.</summary>
    public static IReadOnlyList<OpenLicence> All { get; } =
    [
        Default,
        new("CC-BY-SA-4.0", "Creative Commons Attribution Share-Alike 4.0 International", new Uri("https://creativecommons.org/licenses/by-sa/4.0/")),
        new("CC0-1.0", "Creative Commons Zero v1.0 Universal", new Uri("https://creativecommons.org/publicdomain/zero/1.0/")),
        new("ODbL-1.0", "Open Data Commons Open Database License v1.0", new Uri("https://opendatacommons.org/licenses/odbl/1-0/")),
        new("PDDL-1.0", "Open Data Commons Public Domain Dedication and License v1.0", new Uri("https://opendatacommons.org/licenses/pddl/1-0/")),
    ];

    /// <summary>
    /// A licence a release was published under that is no longer offered: named by its SPDX id, linked to SPDX's page,
    /// so that the release still says what it was published under.
    /// </summary>
    public static OpenLicence Unlisted(string id) => new(id, id, new Uri($"https://spdx.org/licenses/{Uri.EscapeDataString(id)}.html"));

    /// <summary>The licence of that SPDX id; null when it is not one offered.</summary>
    public static OpenLicence? Find(string? id) => All.FirstOrDefault(l => string.Equals(l.Id, id, StringComparison.Ordinal));
}
