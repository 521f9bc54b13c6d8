using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Regurgitate.Workbench.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ExperimentsAndDatasets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Runs_ExperimentId",
                table: "Runs");

            migrationBuilder.AddColumn<string>(
                name: "Condition",
                table: "Runs",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "RealFraction",
                table: "Runs",
                type: "REAL",
                nullable: false,
                defaultValue: 1.0);

            migrationBuilder.AddColumn<string>(
                name: "Role",
                table: "Runs",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Single");

            migrationBuilder.AddColumn<int>(
                name: "Seed",
                table: "Runs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "TrainSize",
                table: "Runs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Description",
                table: "Experiments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SpecJson",
                table: "Experiments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "Experiments",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StatusMessage",
                table: "Experiments",
                type: "TEXT",
                nullable: true);

            // Runs from before experiment specs were single all-real runs; their size and seed live in ConfigJson.
            migrationBuilder.Sql("UPDATE Runs SET TrainSize = COALESCE(json_extract(ConfigJson, '$.trainSize'), 0), Seed = COALESCE(json_extract(ConfigJson, '$.seed'), 0);");

            migrationBuilder.CreateTable(
                name: "Datasets",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: true),
                    LanguagePair = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Origin = table.Column<string>(type: "TEXT", nullable: true),
                    Licence = table.Column<string>(type: "TEXT", nullable: true),
                    CorpusId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    FilesJson = table.Column<string>(type: "TEXT", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Pairs = table.Column<int>(type: "INTEGER", nullable: false),
                    Failed = table.Column<int>(type: "INTEGER", nullable: false),
                    GeneratorJson = table.Column<string>(type: "TEXT", nullable: true),
                    Available = table.Column<bool>(type: "INTEGER", nullable: false),
                    Problem = table.Column<string>(type: "TEXT", nullable: true),
                    CataloguedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Datasets", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Runs_ExperimentId_Condition_TrainSize_Seed",
                table: "Runs",
                columns: new[] { "ExperimentId", "Condition", "TrainSize", "Seed" });

            migrationBuilder.CreateIndex(
                name: "IX_Datasets_Kind",
                table: "Datasets",
                column: "Kind");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Datasets");

            migrationBuilder.DropIndex(
                name: "IX_Runs_ExperimentId_Condition_TrainSize_Seed",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "Condition",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "RealFraction",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "Role",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "Seed",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "TrainSize",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "Description",
                table: "Experiments");

            migrationBuilder.DropColumn(
                name: "SpecJson",
                table: "Experiments");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "Experiments");

            migrationBuilder.DropColumn(
                name: "StatusMessage",
                table: "Experiments");

            migrationBuilder.CreateIndex(
                name: "IX_Runs_ExperimentId",
                table: "Runs",
                column: "ExperimentId");
        }
    }
}
