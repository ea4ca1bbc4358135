namespace MegaBench.Networks;

/// <summary>A network of cities benchmarked together, e.g. the MEGA partnership or a demo network.</summary>
public sealed class Network
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    /// <summary>True for the generated demo network: its cities and organisations are fictional.</summary>
    public bool IsDemo { get; set; }

    public List<City> Cities { get; } = [];
}
