using Regurgitate.Web.Components.Prerendering;

namespace Regurgitate.Web.Tests.Components.Prerendering;

public sealed class PrerenderHandoffTests : IDisposable
{
    private readonly PrerenderHandoff handoff = new();

    public void Dispose() => handoff.Dispose();

    [Fact]
    public void A_ticket_takes_its_items_once()
    {
        var ticket = handoff.Put<int>([1, 2, 3]);

        Assert.True(handoff.TryTake<int>(ticket, out var items));
        Assert.Equal([1, 2, 3], items);
        Assert.False(handoff.TryTake<int>(ticket, out _));
        Assert.Equal(0, handoff.Count);
    }

    [Fact]
    public void Tickets_are_distinct_and_unguessable()
    {
        var tickets = Enumerable.Range(0, 100).Select(_ => handoff.Put<int>([])).ToList();

        Assert.Equal(100, tickets.Distinct(StringComparer.Ordinal).Count());
        Assert.All(tickets, t => Assert.Equal(32, t.Length));
    }

    [Fact]
    public void Unknown_missing_or_mistyped_tickets_take_nothing()
    {
        var ticket = handoff.Put<int>([1]);

        Assert.False(handoff.TryTake<int>(null, out _));
        Assert.False(handoff.TryTake<int>("0123456789ABCDEF0123456789ABCDEF", out _));
        Assert.False(handoff.TryTake<string>(ticket, out _));
    }

    [Fact]
    public void More_items_than_the_capacity_are_not_kept()
    {
        var ticket = handoff.Put(new int[PrerenderHandoff.Capacity]);

        Assert.False(handoff.TryTake<int>(ticket, out _));
    }
}
