using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MegaBench.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OpenDataReleases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OpenDataCitation",
                table: "Networks",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OpenDataLicence",
                table: "Networks",
                type: "character varying(50)",
                maxLength: 50,
                nullable: false,
                defaultValue: "CC-BY-4.0");

            migrationBuilder.CreateTable(
                name: "OpenDataReleases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NetworkId = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Licence = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Citation = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Rounds = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpenDataReleases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OpenDataReleases_Networks_NetworkId",
                        column: x => x.NetworkId,
                        principalTable: "Networks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OpenDataFiles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReleaseId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpenDataFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OpenDataFiles_OpenDataReleases_ReleaseId",
                        column: x => x.ReleaseId,
                        principalTable: "OpenDataReleases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OpenDataFiles_ReleaseId_Name",
                table: "OpenDataFiles",
                columns: new[] { "ReleaseId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OpenDataReleases_NetworkId_Number",
                table: "OpenDataReleases",
                columns: new[] { "NetworkId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OpenDataFiles");

            migrationBuilder.DropTable(
                name: "OpenDataReleases");

            migrationBuilder.DropColumn(
                name: "OpenDataCitation",
                table: "Networks");

            migrationBuilder.DropColumn(
                name: "OpenDataLicence",
                table: "Networks");
        }
    }
}
