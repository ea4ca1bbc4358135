using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MegaBench.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ValidationOverrideAndCarriedOverAnswers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ValidationOverride",
                table: "Organisations",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CarriedOverFrom",
                table: "Answers",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ValidationOverride",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "CarriedOverFrom",
                table: "Answers");
        }
    }
}
