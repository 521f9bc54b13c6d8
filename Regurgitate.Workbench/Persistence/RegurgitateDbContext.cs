using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Regurgitate.Workbench.Persistence;

public sealed class RegurgitateDbContext(DbContextOptions<RegurgitateDbContext> options) : DbContext(options)
{
    public DbSet<Experiment> Experiments => Set<Experiment>();
    public DbSet<Run> Runs => Set<Run>();
    public DbSet<MetricPoint> MetricPoints => Set<MetricPoint>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date type; as binary (UTC ticks + offset) timestamps stay sortable and comparable in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<RunStatus>().HaveConversion<string>().HaveMaxLength(16);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Experiment>(experiment =>
        {
            experiment.Property(e => e.Name).HasMaxLength(200).IsRequired();
            experiment.HasIndex(e => e.Name).IsUnique();
        });

        modelBuilder.Entity<Run>(run =>
        {
            run.Property(r => r.CorpusId).HasMaxLength(100).IsRequired();
            run.Property(r => r.Device).HasMaxLength(100);
            run.HasIndex(r => r.Status);
            run.HasOne(r => r.Experiment).WithMany(e => e.Runs).HasForeignKey(r => r.ExperimentId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<MetricPoint>(point =>
        {
            point.Property(p => p.Name).HasMaxLength(64).IsRequired();
            point.HasIndex(p => new { p.RunId, p.Name, p.Step });
            point.HasOne(p => p.Run).WithMany(r => r.MetricPoints).HasForeignKey(p => p.RunId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
