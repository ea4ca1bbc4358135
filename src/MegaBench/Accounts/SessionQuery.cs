using System.Data.Common;
using MegaBench.Data;
using MegaBench.Networks;
using MegaBench.Queries;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Accounts;

/// <summary>
/// What every signed-in request checks, in one command: the account's security stamp and the names its cookie carries,
/// then its role assignments (its <see cref="Grants"/>; none once erased). The one statement of both: also <see cref="Grants.LoadAsync"/>, for an API token. Written once per EF model from its own column names; the
/// <see cref="StampReader"/> keeps it prepared (<see cref="StampReader.SessionAsync"/>).
/// </summary>
internal sealed class SessionQuery : KeptQuery<string, AccountSession?>
{
    private static readonly CompiledPerModel<SessionQuery> PerModel = new(db => new SessionQuery(db));

    private readonly MappedColumn _userKey;
    private readonly MappedColumn _role;

    private SessionQuery(DbContext db)
    {
        _userKey = MappedColumn.Of<AppUser>(db, nameof(AppUser.Id));
        _role = MappedColumn.Of<RoleAssignment>(db, nameof(RoleAssignment.Role));
        string User(string property) => MappedColumn.Of<AppUser>(db, property).Name;
        string Assignment(string property) => MappedColumn.Of<RoleAssignment>(db, property).Name;
        var cityKey = MappedColumn.Of<City>(db, nameof(City.Id)).Name;
        var cityNetwork = MappedColumn.Of<City>(db, nameof(City.NetworkId)).Name;
        Sql =
            $"SELECT {User(nameof(AppUser.SecurityStamp))}, {User(nameof(AppUser.UserName))}, {User(nameof(AppUser.Email))}, {User(nameof(AppUser.DisplayName))} " +
            $"FROM {MappedColumn.Table<AppUser>(db)} WHERE {_userKey.Name} = @user;\n" +
            $"SELECT a.{_role.Name}, a.{Assignment(nameof(RoleAssignment.NetworkId))}, a.{Assignment(nameof(RoleAssignment.CityId))}, c.{cityNetwork} " +
            $"FROM {MappedColumn.Table<RoleAssignment>(db)} a " +
            $"JOIN {MappedColumn.Table<AppUser>(db)} u ON u.{_userKey.Name} = a.{Assignment(nameof(RoleAssignment.UserId))} AND u.{User(nameof(AppUser.ErasedAt))} IS NULL " +
            $"LEFT JOIN {MappedColumn.Table<City>(db)} c ON c.{cityKey} = a.{Assignment(nameof(RoleAssignment.CityId))} " +
            $"WHERE a.{Assignment(nameof(RoleAssignment.UserId))} = @user";
    }

    public static SessionQuery For(DbContext db) => PerModel.For(db);

    protected override void AddParameters(DbCommand command) => command.Parameters.Add(_userKey.Parameter(command, "@user", ""));

    protected override async Task<AccountSession?> ReadAsync(DbDataReader reader, string argument, CancellationToken cancellationToken)
    {
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var session = (Stamp: Text(0), UserName: Text(1), Email: Text(2), DisplayName: Text(3));
        await reader.NextResultAsync(cancellationToken);
        var assignments = new List<Grants.Assignment>();
        while (await reader.ReadAsync(cancellationToken))
        {
            assignments.Add(new Grants.Assignment(_role.Read<AccountRole>(reader, 0), Number(1), Number(2), Number(3)));
        }

        return new AccountSession(session.Stamp, session.UserName, session.Email, session.DisplayName, Grants.Of(argument, assignments));

        string? Text(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
        int? Number(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);
    }
}

/// <summary>An account as a signed-in request checks it: the security stamp its cookie must carry, the names the cookie shows, and its grants.</summary>
public sealed record AccountSession(string? SecurityStamp, string? UserName, string? Email, string? DisplayName, Grants Grants);
