using Microsoft.EntityFrameworkCore.Migrations;

namespace MegaBench.Data.Migrations;

/// <summary>
/// The data step of both providers' <c>OrganisationKindCodes</c> migration: an organisation's kind was stored as the
/// name of a C# enum (<c>BusinessAssociation</c>); it is now the code of one of the framework's kinds, MEGA's codes
/// being the ones round files always used (<c>business-association</c>). The SQL is the same for SQLite and PostgreSQL.
/// </summary>
internal static class OrganisationKindCodes
{
    private static readonly (string Name, string Code)[] Kinds =
    [
        ("City", "city"), ("Department", "department"), ("Region", "region"), ("Intermunicipality", "intermunicipality"),
        ("Chamber", "chamber"), ("BusinessAssociation", "business-association"), ("MigrantAssociation", "migrant-association"),
        ("Incubator", "incubator"), ("Foundation", "foundation"), ("Other", "other"),
    ];

    public static void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(Update(Kinds.Select(k => (From: k.Name, To: k.Code))));

    public static void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(Update(Kinds.Select(k => (From: k.Code, To: k.Name))));

    private static string Update(IEnumerable<(string From, string To)> pairs) =>
        "UPDATE \"Organisations\" SET \"Kind\" = CASE \"Kind\" "
        + string.Concat(pairs.Select(p => $"WHEN '{p.From}' THEN '{p.To}' "))
        + "ELSE \"Kind\" END;";
}
