using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Regurgitate.Workbench.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class RunThreads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Threads",
                table: "Runs",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Threads",
                table: "Runs");
        }
    }
}
