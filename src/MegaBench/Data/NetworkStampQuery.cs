using System.Data.Common;
using MegaBench.Networks;
using MegaBench.Queries;
using MegaBench.Rounds;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Data;

/// <summary>
/// A network's change stamp and whether one of its cities has a published round (what decides who may read the
/// network: the web app's <c>AccessScopes.Scopes</c>), in SQL written once per EF model; the <see cref="StampReader"/>
/// keeps it prepared for the network's pages served from the output cache.
/// </summary>
internal sealed class NetworkStampQuery : KeptQuery<int, NetworkStamps?>
{
    private static readonly CompiledPerModel<NetworkStampQuery> PerModel = new(db => new NetworkStampQuery(db));

    private readonly MappedColumn _networkKey;
    private readonly MappedColumn _status;

    private NetworkStampQuery(DbContext db)
    {
        _networkKey = MappedColumn.Of<Network>(db, nameof(Network.Id));
        _status = MappedColumn.Of<Round>(db, nameof(Round.Status));
        string Column<T>(string property) => MappedColumn.Of<T>(db, property).Name;
        Sql =
            $"SELECT n.{Column<Network>(ChangeStamps.Property)}, CASE WHEN EXISTS (" +
            $"SELECT 1 FROM {MappedColumn.Table<Round>(db)} r JOIN {MappedColumn.Table<City>(db)} c ON c.{Column<City>(nameof(City.Id))} = r.{Column<Round>(nameof(Round.CityId))} " +
            $"WHERE c.{Column<City>(nameof(City.NetworkId))} = n.{_networkKey.Name} AND r.{_status.Name} = @published) THEN 1 ELSE 0 END " +
            $"FROM {MappedColumn.Table<Network>(db)} n WHERE n.{_networkKey.Name} = @network";
    }

    public static NetworkStampQuery For(DbContext db) => PerModel.For(db);

    protected override void AddParameters(DbCommand command)
    {
        command.Parameters.Add(_networkKey.Parameter(command, "@network", 0));
        command.Parameters.Add(_status.Parameter(command, "@published", RoundStatus.Published));
    }

    protected override async Task<NetworkStamps?> ReadAsync(DbDataReader reader, int argument, CancellationToken cancellationToken) =>
        await reader.ReadAsync(cancellationToken) ? new NetworkStamps(reader.GetInt64(0), reader.GetInt32(1) == 1) : null;
}

/// <summary>A network's change stamp, and whether one of its cities has a published round (what its access rests on).</summary>
public sealed record NetworkStamps(long Network, bool HasPublishedRound);
