namespace MegaBench.Networks;

/// <summary>A network of cities benchmarked together, e.g. the MEGA partnership or a demo network.</summary>
public sealed class Network
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    /// <summary>True for the generated demo network: its cities and organisations are fictional.</summary>
    public bool IsDemo { get; set; }

    /// <summary>The SPDX id of the licence the network's open data is published under (<see cref="OpenData.OpenLicence"/>).</summary>
    public string OpenDataLicence { get; set; } = OpenData.OpenLicence.Default.Id;

    /// <summary>How the network asks to be cited when its open data is reused; none for the package's title alone.</summary>
    public string? OpenDataCitation { get; set; }

    public List<City> Cities { get; } = [];
}
