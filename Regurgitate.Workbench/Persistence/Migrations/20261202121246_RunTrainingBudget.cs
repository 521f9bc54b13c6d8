using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Regurgitate.Workbench.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RunTrainingBudget : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PairsDropped",
                table: "Runs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SourceTokens",
                table: "Runs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TargetTokens",
                table: "Runs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TrainingPairs",
                table: "Runs",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PairsDropped",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "SourceTokens",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "TargetTokens",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "TrainingPairs",
                table: "Runs");
        }
    }
}
