using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MegaBench.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OrganisationKindCodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            MegaBench.Data.Migrations.OrganisationKindCodes.Up(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            MegaBench.Data.Migrations.OrganisationKindCodes.Down(migrationBuilder);
        }
    }
}
