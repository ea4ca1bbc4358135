using System.Data.Common;
using MegaBench.Frameworks;
using MegaBench.Networks;
using MegaBench.Queries;
using MegaBench.Rounds;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Data;

/// <summary>
/// The one query of <see cref="RoundStamps"/>: a round's stamp and its network's, with the round's network, city,
/// status and what a page shows around a cached body, in SQL written once per EF model from its own column names and
/// value conversion (<see cref="MappedColumn"/>).
/// It runs on a context's connection (<see cref="ChangeStamps.OfRoundAndNetworkAsync"/>) and on the connections the
/// <see cref="StampReader"/> keeps prepared for the pages served from cache.
/// </summary>
internal sealed class RoundStampQuery : KeptQuery<int, RoundStamps?>
{
    private static readonly CompiledPerModel<RoundStampQuery> PerModel = new(db => new RoundStampQuery(db));

    private readonly MappedColumn _roundKey;
    private readonly MappedColumn _status;
    private readonly MappedColumn _isDemo;

    private RoundStampQuery(DbContext db)
    {
        _roundKey = MappedColumn.Of<Round>(db, nameof(Round.Id));
        _status = MappedColumn.Of<Round>(db, nameof(Round.Status));
        _isDemo = MappedColumn.Of<Network>(db, nameof(Network.IsDemo));
        string Column<T>(string property) => MappedColumn.Of<T>(db, property).Name;
        var roundCity = Column<Round>(nameof(Round.CityId));
        var roundFramework = Column<Round>(nameof(Round.StoredFrameworkId));
        var cityNetwork = Column<City>(nameof(City.NetworkId));
        Sql =
            $"SELECT c.{cityNetwork}, r.{roundCity}, r.{_status.Name}, r.{Column<Round>(ChangeStamps.Property)}, n.{Column<Network>(ChangeStamps.Property)}, " +
            $"r.{Column<Round>(nameof(Round.Year))}, c.{Column<City>(nameof(City.Name))}, n.{Column<Network>(nameof(Network.Name))}, n.{_isDemo.Name}, " +
            $"r.{roundFramework}, f.{Column<StoredFramework>(nameof(StoredFramework.ContentHash))} " +
            $"FROM {MappedColumn.Table<Round>(db)} r " +
            $"JOIN {MappedColumn.Table<City>(db)} c ON c.{Column<City>(nameof(City.Id))} = r.{roundCity} " +
            $"JOIN {MappedColumn.Table<Network>(db)} n ON n.{Column<Network>(nameof(Network.Id))} = c.{cityNetwork} " +
            $"JOIN {MappedColumn.Table<StoredFramework>(db)} f ON f.{Column<StoredFramework>(nameof(StoredFramework.Id))} = r.{roundFramework} " +
            $"WHERE r.{_roundKey.Name} = @round";
    }

    public static RoundStampQuery For(DbContext db) => PerModel.For(db);

    protected override void AddParameters(DbCommand command) => command.Parameters.Add(_roundKey.Parameter(command, "@round", 0));

    /// <summary>The round's stamps; null when there is no such round.</summary>
    protected override async Task<RoundStamps?> ReadAsync(DbDataReader reader, int argument, CancellationToken cancellationToken) =>
        await reader.ReadAsync(cancellationToken)
            ? new RoundStamps(
                reader.GetInt32(0), reader.GetInt32(1), _status.Read<RoundStatus>(reader, 2), reader.GetInt64(3), reader.GetInt64(4),
                reader.GetInt32(5), reader.GetString(6), reader.GetString(7), _isDemo.Read<bool>(reader, 8), reader.GetInt32(9), reader.GetString(10))
            : null;
}
