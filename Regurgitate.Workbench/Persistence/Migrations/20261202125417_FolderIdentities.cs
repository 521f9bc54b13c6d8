using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Regurgitate.Workbench.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class FolderIdentities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "FolderIdentity",
                table: "Runs",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<Guid>(
                name: "FolderIdentity",
                table: "Experiments",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            // Existing rows get a random version-4 identity each, in EF's text form for Guid (upper-case, hyphenated).
            const string NewIdentity = "upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' "
                + "|| substr('89AB', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))";
            migrationBuilder.Sql($"UPDATE \"Runs\" SET \"FolderIdentity\" = {NewIdentity};");
            migrationBuilder.Sql($"UPDATE \"Experiments\" SET \"FolderIdentity\" = {NewIdentity};");

            migrationBuilder.CreateIndex(
                name: "IX_Runs_FolderIdentity",
                table: "Runs",
                column: "FolderIdentity",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Experiments_FolderIdentity",
                table: "Experiments",
                column: "FolderIdentity",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Runs_FolderIdentity",
                table: "Runs");

            migrationBuilder.DropIndex(
                name: "IX_Experiments_FolderIdentity",
                table: "Experiments");

            migrationBuilder.DropColumn(
                name: "FolderIdentity",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "FolderIdentity",
                table: "Experiments");
        }
    }
}
