using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MegaBench.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LearningCycles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LearningCycles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NetworkId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AcrossCountries = table.Column<bool>(type: "boolean", nullable: false),
                    ExcludedPairs = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ForcedPairs = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    MatchingValue = table.Column<double>(type: "double precision", nullable: false),
                    DeskReviewDue = table.Column<DateOnly>(type: "date", nullable: true),
                    VisitDue = table.Column<DateOnly>(type: "date", nullable: true),
                    FeedbackDue = table.Column<DateOnly>(type: "date", nullable: true),
                    ActionPlanDue = table.Column<DateOnly>(type: "date", nullable: true),
                    FollowUpDue = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LearningCycles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LearningCycles_Networks_NetworkId",
                        column: x => x.NetworkId,
                        principalTable: "Networks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PeerReviews",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CycleId = table.Column<int>(type: "integer", nullable: false),
                    GroupNumber = table.Column<int>(type: "integer", nullable: false),
                    HostCityId = table.Column<int>(type: "integer", nullable: false),
                    ReviewerCityId = table.Column<int>(type: "integer", nullable: false),
                    HostRoundId = table.Column<int>(type: "integer", nullable: false),
                    ReviewerRoundId = table.Column<int>(type: "integer", nullable: false),
                    GapThemes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Briefing = table.Column<string>(type: "text", nullable: false),
                    DeskReviewDoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    VisitStart = table.Column<DateOnly>(type: "date", nullable: true),
                    VisitEnd = table.Column<DateOnly>(type: "date", nullable: true),
                    VisitPlace = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    VisitDoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Feedback = table.Column<string>(type: "text", nullable: false),
                    FeedbackSubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    HostResponse = table.Column<string>(type: "text", nullable: false),
                    ActionPlanDoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PeerReviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PeerReviews_Cities_HostCityId",
                        column: x => x.HostCityId,
                        principalTable: "Cities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PeerReviews_Cities_ReviewerCityId",
                        column: x => x.ReviewerCityId,
                        principalTable: "Cities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PeerReviews_LearningCycles_CycleId",
                        column: x => x.CycleId,
                        principalTable: "LearningCycles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PeerReviews_Rounds_HostRoundId",
                        column: x => x.HostRoundId,
                        principalTable: "Rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PeerReviews_Rounds_ReviewerRoundId",
                        column: x => x.ReviewerRoundId,
                        principalTable: "Rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReviewActions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReviewId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Statements = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Themes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: true),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewActions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewActions_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReviewActions_PeerReviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "PeerReviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReviewTopics",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReviewId = table.Column<int>(type: "integer", nullable: false),
                    ThemeCode = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    IndicatorCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    FromMatching = table.Column<bool>(type: "boolean", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewTopics", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewTopics_PeerReviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "PeerReviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VisitMeetings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReviewId = table.Column<int>(type: "integer", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Start = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    End = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: true),
                    OrganisationName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Themes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Participants = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Notes = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisitMeetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VisitMeetings_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VisitMeetings_PeerReviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "PeerReviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ActionProgressNotes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ActionId = table.Column<int>(type: "integer", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionProgressNotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActionProgressNotes_ReviewActions_ActionId",
                        column: x => x.ActionId,
                        principalTable: "ReviewActions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReviewEvidence",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReviewId = table.Column<int>(type: "integer", nullable: false),
                    TopicId = table.Column<int>(type: "integer", nullable: true),
                    Side = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    FileName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewEvidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewEvidence_PeerReviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "PeerReviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ReviewEvidence_ReviewTopics_TopicId",
                        column: x => x.TopicId,
                        principalTable: "ReviewTopics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "ReviewMessages",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TopicId = table.Column<int>(type: "integer", nullable: false),
                    Side = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewMessages_ReviewTopics_TopicId",
                        column: x => x.TopicId,
                        principalTable: "ReviewTopics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActionProgressNotes_ActionId",
                table: "ActionProgressNotes",
                column: "ActionId");

            migrationBuilder.CreateIndex(
                name: "IX_LearningCycles_NetworkId_Name",
                table: "LearningCycles",
                columns: new[] { "NetworkId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PeerReviews_CycleId_HostCityId",
                table: "PeerReviews",
                columns: new[] { "CycleId", "HostCityId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PeerReviews_HostCityId",
                table: "PeerReviews",
                column: "HostCityId");

            migrationBuilder.CreateIndex(
                name: "IX_PeerReviews_HostRoundId",
                table: "PeerReviews",
                column: "HostRoundId");

            migrationBuilder.CreateIndex(
                name: "IX_PeerReviews_ReviewerCityId",
                table: "PeerReviews",
                column: "ReviewerCityId");

            migrationBuilder.CreateIndex(
                name: "IX_PeerReviews_ReviewerRoundId",
                table: "PeerReviews",
                column: "ReviewerRoundId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewActions_OrganisationId",
                table: "ReviewActions",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewActions_ReviewId",
                table: "ReviewActions",
                column: "ReviewId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewEvidence_ReviewId",
                table: "ReviewEvidence",
                column: "ReviewId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewEvidence_TopicId",
                table: "ReviewEvidence",
                column: "TopicId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewMessages_TopicId",
                table: "ReviewMessages",
                column: "TopicId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewTopics_ReviewId",
                table: "ReviewTopics",
                column: "ReviewId");

            migrationBuilder.CreateIndex(
                name: "IX_VisitMeetings_OrganisationId",
                table: "VisitMeetings",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_VisitMeetings_ReviewId",
                table: "VisitMeetings",
                column: "ReviewId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActionProgressNotes");

            migrationBuilder.DropTable(
                name: "ReviewEvidence");

            migrationBuilder.DropTable(
                name: "ReviewMessages");

            migrationBuilder.DropTable(
                name: "VisitMeetings");

            migrationBuilder.DropTable(
                name: "ReviewActions");

            migrationBuilder.DropTable(
                name: "ReviewTopics");

            migrationBuilder.DropTable(
                name: "PeerReviews");

            migrationBuilder.DropTable(
                name: "LearningCycles");
        }
    }
}
