using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MegaBench.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OrganisationContactEmail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ContactEmail",
                table: "Organisations",
                type: "TEXT",
                maxLength: 320,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ContactEmail",
                table: "Organisations");
        }
    }
}
