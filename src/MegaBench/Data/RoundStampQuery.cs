using System.Data.Common;
using MegaBench.Networks;
using MegaBench.Queries;
using MegaBench.Rounds;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Data;

/// <summary>
/// The one query of <see cref="RoundStamps"/>: a round's stamp and its network's, with the round's network, city and
/// status, in SQL written once per EF model from its own column names and value conversion (<see cref="MappedColumn"/>).
/// It runs on a context's connection (<see cref="ChangeStamps.OfRoundAndNetworkAsync"/>) and on the connections the
/// <see cref="StampReader"/> keeps prepared for the pages served from the output cache.
/// </summary>
internal sealed class RoundStampQuery
{
    private static readonly CompiledPerModel<RoundStampQuery> PerModel = new(db => new RoundStampQuery(db));

    private readonly string _sql;
    private readonly MappedColumn _roundKey;
    private readonly MappedColumn _status;

    private RoundStampQuery(DbContext db)
    {
        _roundKey = MappedColumn.Of<Round>(db, nameof(Round.Id));
        _status = MappedColumn.Of<Round>(db, nameof(Round.Status));
        var roundCity = MappedColumn.Of<Round>(db, nameof(Round.CityId));
        var roundStamp = MappedColumn.Of<Round>(db, ChangeStamps.Property);
        var cityKey = MappedColumn.Of<City>(db, nameof(City.Id));
        var cityNetwork = MappedColumn.Of<City>(db, nameof(City.NetworkId));
        var networkKey = MappedColumn.Of<Network>(db, nameof(Network.Id));
        var networkStamp = MappedColumn.Of<Network>(db, ChangeStamps.Property);
        _sql =
            $"SELECT c.{cityNetwork.Name}, r.{roundCity.Name}, r.{_status.Name}, r.{roundStamp.Name}, n.{networkStamp.Name} " +
            $"FROM {MappedColumn.Table<Round>(db)} r " +
            $"JOIN {MappedColumn.Table<City>(db)} c ON c.{cityKey.Name} = r.{roundCity.Name} " +
            $"JOIN {MappedColumn.Table<Network>(db)} n ON n.{networkKey.Name} = c.{cityNetwork.Name} " +
            $"WHERE r.{_roundKey.Name} = @round";
    }

    public static RoundStampQuery For(DbContext db) => PerModel.For(db);

    /// <summary>The query as a command on <paramref name="connection"/>, for round 0 until <see cref="ReadAsync"/> names one.</summary>
    public DbCommand Command(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        command.CommandText = _sql;
        command.Parameters.Add(_roundKey.Parameter(command, "@round", 0));
        return command;
    }

    /// <summary>Runs <paramref name="command"/> (made by <see cref="Command"/>) for <paramref name="roundId"/>; null when there is no such round.</summary>
    public async Task<RoundStamps?> ReadAsync(DbCommand command, int roundId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Parameters[0].Value = roundId;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new RoundStamps(reader.GetInt32(0), reader.GetInt32(1), _status.Read<RoundStatus>(reader, 2), reader.GetInt64(3), reader.GetInt64(4))
            : null;
    }
}
