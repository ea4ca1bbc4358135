using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MegaBench.Data.Migrations.Sqlite
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NetworkId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AcrossCountries = table.Column<bool>(type: "INTEGER", nullable: false),
                    ExcludedPairs = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ForcedPairs = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    MatchingValue = table.Column<double>(type: "REAL", nullable: false),
                    DeskReviewDue = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    VisitDue = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    FeedbackDue = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ActionPlanDue = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    FollowUpDue = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CycleId = table.Column<int>(type: "INTEGER", nullable: false),
                    GroupNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    HostCityId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReviewerCityId = table.Column<int>(type: "INTEGER", nullable: false),
                    HostRoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReviewerRoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    GapThemes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Briefing = table.Column<string>(type: "TEXT", nullable: false),
                    DeskReviewDoneAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    VisitStart = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    VisitEnd = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    VisitPlace = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    VisitDoneAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    Feedback = table.Column<string>(type: "TEXT", nullable: false),
                    FeedbackSubmittedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    HostResponse = table.Column<string>(type: "TEXT", nullable: false),
                    ActionPlanDoneAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    PublishedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReviewId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Statements = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Themes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: true),
                    Deadline = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReviewId = table.Column<int>(type: "INTEGER", nullable: false),
                    ThemeCode = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    IndicatorCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    FromMatching = table.Column<bool>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReviewId = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Start = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    End = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: true),
                    OrganisationName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Themes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Participants = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ActionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReviewId = table.Column<int>(type: "INTEGER", nullable: false),
                    TopicId = table.Column<int>(type: "INTEGER", nullable: true),
                    Side = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TopicId = table.Column<int>(type: "INTEGER", nullable: false),
                    Side = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
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
