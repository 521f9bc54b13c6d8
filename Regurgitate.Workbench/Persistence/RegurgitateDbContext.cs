using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Regurgitate.Workbench.Persistence;

/// <summary>
/// The workbench's database on SQLite (this type, and the migrations under <c>Migrations/</c>). PostgreSQL uses
/// <see cref="PostgreSqlDbContext"/>, the same model with its own migrations; EF Core tells the two sets apart by
/// context type.
/// </summary>
public class RegurgitateDbContext : DbContext
{
    public RegurgitateDbContext(DbContextOptions<RegurgitateDbContext> options)
        : base(options)
    {
    }

    /// <summary>For a provider's own context type, whose migrations are attributed to it.</summary>
    protected RegurgitateDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Experiment> Experiments => Set<Experiment>();
    public DbSet<Run> Runs => Set<Run>();
    public DbSet<MetricPoint> MetricPoints => Set<MetricPoint>();
    public DbSet<DatasetRecord> Datasets => Set<DatasetRecord>();
    public DbSet<Sessions.EndedSession> EndedSessions => Set<Sessions.EndedSession>();

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);
        // Metric points carry no filter of their own: they are only read through a run, and a hidden run is never listed,
        // so filtering every point query through runs and experiments would only slow the charts down.
        optionsBuilder.ConfigureWarnings(w => w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning));
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date type; as binary (UTC ticks + offset) timestamps stay sortable and comparable in SQL.
        // PostgreSQL stores the same numbers, so both providers compare and order times alike and an offset survives.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<RunStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<RunRole>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ExperimentStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<DatasetKind>().HaveConversion<string>().HaveMaxLength(16);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Experiment>(experiment =>
        {
            experiment.Property(e => e.Name).HasMaxLength(200).IsRequired();
            experiment.HasIndex(e => e.Name).IsUnique();
            experiment.HasIndex(e => e.FolderIdentity).IsUnique();
            // An archive import writes its rows in many short transactions; until its final commit nobody else sees them.
            experiment.HasQueryFilter(e => e.Status != ExperimentStatus.Importing);
        });

        modelBuilder.Entity<Run>(run =>
        {
            run.Property(r => r.CorpusId).HasMaxLength(100).IsRequired();
            run.Property(r => r.Device).HasMaxLength(100);
            run.Property(r => r.Condition).HasMaxLength(200);
            run.Property(r => r.Tags).HasMaxLength(500);
            run.Property(r => r.OwnerId).HasMaxLength(300);
            run.HasIndex(r => new { r.ExperimentId, r.Condition, r.TrainSize, r.Seed });
            run.HasIndex(r => r.Status);
            run.HasIndex(r => r.FolderIdentity).IsUnique();
            run.HasOne(r => r.Experiment).WithMany(e => e.Runs).HasForeignKey(r => r.ExperimentId).OnDelete(DeleteBehavior.Cascade);
            run.HasQueryFilter(r => r.Experiment!.Status != ExperimentStatus.Importing);
        });

        modelBuilder.Entity<DatasetRecord>(dataset =>
        {
            dataset.HasKey(d => d.Id);
            dataset.Property(d => d.Id).HasMaxLength(200);
            dataset.Property(d => d.Name).HasMaxLength(200).IsRequired();
            dataset.Property(d => d.LanguagePair).HasMaxLength(16);
            dataset.Property(d => d.CorpusId).HasMaxLength(100);
            dataset.Property(d => d.Sha256).HasMaxLength(64);
            dataset.HasIndex(d => d.Kind);
        });

        modelBuilder.Entity<Sessions.EndedSession>(session =>
        {
            session.HasKey(e => e.SessionHash);
            session.Property(e => e.SessionHash).HasMaxLength(64);
            // Pruning deletes by age.
            session.HasIndex(e => e.EndedAt);
        });

        modelBuilder.Entity<MetricPoint>(point =>
        {
            point.Property(p => p.Name).HasMaxLength(64).IsRequired();
            point.HasIndex(p => new { p.RunId, p.Name, p.Step });
            point.HasOne(p => p.Run).WithMany(r => r.MetricPoints).HasForeignKey(p => p.RunId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
