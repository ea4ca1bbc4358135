using MegaBench.Data;
using MegaBench.Rounds;

namespace MegaBench.Accounts;

/// <summary>
/// What one caller may see and change, resolved once per request: the networks they administer, the cities
/// they coordinate, and, for a respondent link, the one organisation they may answer for.
/// </summary>
/// <remarks>
/// The rules, in one place:
/// <list type="bullet">
/// <item>anyone, signed in or not, may read a <em>published</em> round, its city and its network;</item>
/// <item>a network administrator may read and change everything in their networks;</item>
/// <item>a city coordinator may read and change their cities' rounds, organisations, answers and narrative,
/// and read (not change) the network the city belongs to;</item>
/// <item>a respondent may read and answer for one organisation in one round, nothing else;</item>
/// <item>in a learning cycle: the network's administrators manage the cycle and see all of it; the coordinators of a
/// review's host city write the briefing, the answers and the action plan, those of its reviewing city the
/// questions, the visit and the feedback report, and both read the whole review; anyone may read a review's
/// feedback report and action plan once the host has published them, and nothing else of a cycle.</item>
/// </list>
/// People and the audit trail:
/// <list type="bullet">
/// <item>an administrator gives or takes roles only inside their networks (an administrator of every network: any
/// role), and sees the accounts holding such a role;</item>
/// <item>they may issue a set-password link (which lets the holder take over the account) only for an account
/// whose every role lies inside their networks, so that an administrator of one network cannot take over someone
/// with rights elsewhere;</item>
/// <item>the audit trail: an administrator reads the changes of their networks' rounds; an administrator of every
/// network reads the whole trail; nobody else reads it.</item>
/// </list>
/// Every decision takes the ids of the object as loaded from the database, never ids the client sent alone.
/// The web app's <c>AccessPolicy</c> only maps a loaded object to these rules.
/// </remarks>
/// <param name="NetworksOfCoordinatedCities">The networks of the cities coordinated, which a coordinator may read.</param>
public sealed record Grants(
    string? UserId,
    IReadOnlySet<int> AdministeredNetworks,
    IReadOnlySet<int> CoordinatedCities,
    RespondentGrant? Respondent = null,
    bool AdministersAllNetworks = false,
    IReadOnlySet<int>? NetworksOfCoordinatedCities = null)
{
    public static Grants Anonymous { get; } = new(null, new HashSet<int>(), new HashSet<int>());

    public static Grants ForRespondent(int roundId, int organisationId) =>
        Anonymous with { Respondent = new RespondentGrant(roundId, organisationId) };

    public bool IsSignedIn => UserId is not null;

    /// <summary>
    /// Equal for two callers exactly when every decision of theirs is the same (their networks, cities and respondent
    /// link; not who they are): what a part of a page that differs by reader is cached under.
    /// </summary>
    public string AccessKey => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{(AdministersAllNetworks ? "*" : "")}n{Ids(AdministeredNetworks)}c{Ids(CoordinatedCities)}o{Ids(NetworksOfCoordinatedCities)}r{Respondent?.RoundId}.{Respondent?.OrganisationId}");

    private static string Ids(IReadOnlySet<int>? ids) => ids is null ? "" : string.Join(',', ids.Order());

    public bool IsAdministrator => AdministersAllNetworks || AdministeredNetworks.Count > 0;

    /// <summary>May create networks: only an administrator of all networks (the first administrator, set up once).</summary>
    public bool CanCreateNetworks => AdministersAllNetworks;

    public bool CanAdministerNetwork(int networkId) => AdministersAllNetworks || AdministeredNetworks.Contains(networkId);

    /// <summary>May change the city, its rounds, organisations, answers and narrative.</summary>
    public bool CanEditCity(int networkId, int cityId) =>
        CanAdministerNetwork(networkId) || CoordinatedCities.Contains(cityId);

    /// <summary>May read the network: anyone once one of its rounds is published, else its administrators and its cities' coordinators.</summary>
    public bool CanReadNetwork(int networkId, bool hasPublishedRound) =>
        hasPublishedRound || CanAdministerNetwork(networkId) || (NetworksOfCoordinatedCities?.Contains(networkId) ?? false);

    /// <summary>May read the city: anyone once one of its rounds is published, else who may edit it.</summary>
    public bool CanReadCity(int networkId, int cityId, bool hasPublishedRound) => hasPublishedRound || CanEditCity(networkId, cityId);

    /// <summary>May read the round (its sheets, organisations, answers, narrative).</summary>
    public bool CanReadRound(int networkId, int cityId, RoundStatus status) =>
        status == RoundStatus.Published || CanEditCity(networkId, cityId);

    /// <summary>May answer the questionnaire of one organisation in one round.</summary>
    public bool CanAnswerFor(int networkId, int cityId, int roundId, int organisationId) =>
        CanEditCity(networkId, cityId) || (Respondent is { } r && r.RoundId == roundId && r.OrganisationId == organisationId);

    /// <summary>May start a learning cycle in the network, change its pairs and dates: its administrators.</summary>
    public bool CanManageCycles(int networkId) => CanAdministerNetwork(networkId);

    /// <summary>May see a cycle's dashboard: its network's administrators and the coordinators of a city in it.</summary>
    public bool CanReadCycle(int networkId, IEnumerable<int> citiesOfCycle) =>
        CanAdministerNetwork(networkId) || citiesOfCycle.Any(CoordinatedCities.Contains);

    /// <summary>May read the whole review (desk review, visit, drafts): those who may edit its host or its reviewing city.</summary>
    public bool CanReadReview(int networkId, int hostCityId, int reviewerCityId) =>
        CanEditCity(networkId, hostCityId) || CanEditCity(networkId, reviewerCityId);

    /// <summary>May read the review's feedback report and action plan: anyone once the host published them, else as <see cref="CanReadReview"/>.</summary>
    public bool CanReadReviewOutcome(int networkId, int hostCityId, int reviewerCityId, bool published) =>
        published || CanReadReview(networkId, hostCityId, reviewerCityId);

    /// <summary>May write as the host (briefing, answers, evidence, response, action plan, publishing): who may edit the host city.</summary>
    public bool CanWriteAsHost(int networkId, int hostCityId) => CanEditCity(networkId, hostCityId);

    /// <summary>May write as the reviewer (questions, evidence, visit, feedback report): who may edit the reviewing city.</summary>
    public bool CanWriteAsReviewer(int networkId, int reviewerCityId) => CanEditCity(networkId, reviewerCityId);

    /// <summary>May open the people pages and give roles: an administrator of a network or of all.</summary>
    public bool CanManagePeople => IsAdministrator;

    /// <summary>
    /// Whether a role lies within the caller's networks: a role of every network only for an administrator of every
    /// network; a network's administrator or a coordinator of one of its cities for that network's administrators.
    /// <paramref name="networkId"/> is the role's network (the city's network for a coordinator); null for every network.
    /// </summary>
    public bool HoldsWithinReach(AccountRole role, int? networkId) => (role, networkId) switch
    {
        (AccountRole.NetworkAdministrator or AccountRole.CityCoordinator, { } network) => CanAdministerNetwork(network),
        (AccountRole.NetworkAdministrator, null) => AdministersAllNetworks,
        _ => false,
    };

    /// <summary>May see the account on the people pages: one of its roles lies within reach.</summary>
    public bool CanSeePerson(IReadOnlyCollection<bool> rolesWithinReach) => AdministersAllNetworks || rolesWithinReach.Any(r => r);

    /// <summary>May issue a set-password link for the account: every one of its roles lies within reach.</summary>
    public bool CanTakeOverAccount(IReadOnlyCollection<bool> rolesWithinReach) =>
        AdministersAllNetworks || (rolesWithinReach.Count > 0 && rolesWithinReach.All(r => r));

    /// <summary>May read the audit trail (of <see cref="AuditTrailNetworks"/>).</summary>
    public bool CanReadAuditTrail => IsAdministrator;

    /// <summary>The networks whose rounds' changes the caller reads in the audit trail; null for the whole trail.</summary>
    public IReadOnlySet<int>? AuditTrailNetworks => AdministersAllNetworks ? null : AdministeredNetworks;

    /// <summary>A role assignment as the grants read it: the role, its network or city, and the city's network.</summary>
    internal sealed record Assignment(AccountRole Role, int? NetworkId, int? CityId, int? NetworkOfCity);

    /// <summary>
    /// Loads the grants of an account from its role assignments; an erased account, or none, has none. The same
    /// statement as the sign-in cookie's check (<see cref="SessionQuery"/>), on <paramref name="db"/>'s connection.
    /// </summary>
    public static async Task<Grants> LoadAsync(MegaBenchDbContext db, string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return (await SessionQuery.For(db).ReadAsync(db, userId, cancellationToken))?.Grants ?? Of(userId, []);
    }

    /// <summary>The grants of an account holding <paramref name="assignments"/>.</summary>
    internal static Grants Of(string userId, IReadOnlyCollection<Assignment> assignments) => new(
        userId,
        assignments.Where(a => a.Role == AccountRole.NetworkAdministrator && a.NetworkId is not null).Select(a => a.NetworkId!.Value).ToHashSet(),
        assignments.Where(a => a.Role == AccountRole.CityCoordinator && a.CityId is not null).Select(a => a.CityId!.Value).ToHashSet(),
        AdministersAllNetworks: assignments.Any(a => a.Role == AccountRole.NetworkAdministrator && a.NetworkId is null),
        NetworksOfCoordinatedCities: assignments.Where(a => a.Role == AccountRole.CityCoordinator && a.NetworkOfCity is not null).Select(a => a.NetworkOfCity!.Value).ToHashSet());
}

/// <summary>The holder of an organisation's questionnaire link.</summary>
public sealed record RespondentGrant(int RoundId, int OrganisationId);
