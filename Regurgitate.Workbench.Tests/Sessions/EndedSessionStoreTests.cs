using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Regurgitate.Workbench.Persistence;
using Regurgitate.Workbench.Sessions;

namespace Regurgitate.Workbench.Tests.Sessions;

/// <summary>Issue 19: signed-out sessions are kept in the database as hashes, survive a restart and are forgotten after the cookie lifetime.</summary>
public sealed class EndedSessionStoreTests : IDisposable
{
    private static readonly TimeSpan Remember = TimeSpan.FromHours(12);
    private readonly TempDatabase database = new(DatabaseProvider.Sqlite); // reopened below through a SQLite file factory
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task Only_a_sha256_of_the_session_id_is_stored_with_the_time_it_ended()
    {
        await database.MigrateAsync();
        var store = new EndedSessionStore(database.Factory, clock);
        const string sessionId = "0123456789ABCDEF0123456789ABCDEF";

        await store.EndAsync(sessionId, Remember, CancellationToken.None);
        await store.EndAsync(sessionId, Remember, CancellationToken.None);

        await using var context = await database.Factory.CreateDbContextAsync();
        var row = Assert.Single(await context.EndedSessions.AsNoTracking().ToListAsync());
        Assert.Equal(64, row.SessionHash.Length);
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(sessionId))), row.SessionHash);
        Assert.DoesNotContain(sessionId, row.SessionHash, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(clock.GetUtcNow(), row.EndedAt);
        Assert.True(await store.HasEndedAsync(sessionId, CancellationToken.None));
        Assert.False(await store.HasEndedAsync("FEDCBA9876543210FEDCBA9876543210", CancellationToken.None));
    }

    [Fact]
    public async Task A_new_store_over_the_same_file_knows_the_sessions_ended_before()
    {
        await database.MigrateAsync();
        await new EndedSessionStore(database.Factory, clock).EndAsync("signed-out", Remember, CancellationToken.None);

        // A restarted app: a new context factory and store over the same file.
        var restarted = new EndedSessionStore(new FileContextFactory(database.ConnectionString), clock);

        Assert.True(await restarted.HasEndedAsync("signed-out", CancellationToken.None));
        Assert.False(await restarted.HasEndedAsync("still-signed-in", CancellationToken.None));
    }

    [Fact]
    public async Task Sessions_ended_longer_ago_than_the_cookie_lifetime_are_forgotten_by_the_next_sign_out()
    {
        await database.MigrateAsync();
        var store = new EndedSessionStore(database.Factory, clock);
        await store.EndAsync("old", Remember, CancellationToken.None);
        clock.Advance(TimeSpan.FromHours(6));
        await store.EndAsync("recent", Remember, CancellationToken.None);

        clock.Advance(TimeSpan.FromHours(6) + TimeSpan.FromSeconds(1));
        await store.EndAsync("new", Remember, CancellationToken.None);

        Assert.False(await store.HasEndedAsync("old", CancellationToken.None));
        Assert.True(await store.HasEndedAsync("recent", CancellationToken.None));
        Assert.True(await store.HasEndedAsync("new", CancellationToken.None));
        await using var context = await database.Factory.CreateDbContextAsync();
        Assert.Equal(2, await context.EndedSessions.CountAsync());
    }

    [Fact]
    public async Task The_migrations_match_the_model()
    {
        await using var context = await database.Factory.CreateDbContextAsync();

        Assert.False(context.Database.HasPendingModelChanges());
    }

    private sealed class FileContextFactory(string connectionString) : IDbContextFactory<RegurgitateDbContext>
    {
        public RegurgitateDbContext CreateDbContext() => new(new DbContextOptionsBuilder<RegurgitateDbContext>().UseSqlite(connectionString).Options);
    }
}
