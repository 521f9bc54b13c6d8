using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.Options;

namespace Regurgitate.Workbench.Archives;

/// <summary>
/// Inserts an import's metric points in short transactions: each commits after <see cref="ArchiveOptions.MaxBatchRows"/>
/// rows or <see cref="ArchiveOptions.MaxWriteLockHold"/>, whichever comes first, then pauses for
/// <see cref="ArchiveOptions.PauseBetweenBatches"/> so that a live run waiting for SQLite's write lock gets it. Records
/// how long each batch held the lock (from BEGIN IMMEDIATE to the end of COMMIT).
/// </summary>
internal sealed class MetricPointBatchWriter : IAsyncDisposable
{
    private static readonly DateTimeOffsetToBinaryConverter TimestampConverter = new();

    private readonly DbConnection _connection;
    private readonly ArchiveOptions _limits;
    private readonly TimeProvider _timeProvider;
    private readonly Func<ArchiveImportStep, CancellationToken, Task> _batchCommitted;
    private readonly DbCommand _insert;
    private readonly DbParameter _run, _step, _name, _value, _timestamp;
    private DbTransaction? _transaction;
    private long _began;
    private int _rows;

    public MetricPointBatchWriter(DbConnection connection, IOptions<ArchiveOptions> options, TimeProvider timeProvider, Func<ArchiveImportStep, CancellationToken, Task> batchCommitted)
    {
        _connection = connection;
        _limits = options.Value;
        _timeProvider = timeProvider;
        _batchCommitted = batchCommitted;
        _insert = connection.CreateCommand();
        _insert.CommandText = "INSERT INTO MetricPoints (RunId, Step, Name, Value, Timestamp) VALUES ($run, $step, $name, $value, $timestamp)";
        _run = AddParameter("$run");
        _step = AddParameter("$step");
        _name = AddParameter("$name");
        _value = AddParameter("$value");
        _timestamp = AddParameter("$timestamp");
    }

    public long Inserted { get; private set; }
    public int Batches { get; private set; }
    public TimeSpan LongestHold { get; private set; }

    public async Task AddAsync(int runId, ArchiveMetricPoint point, CancellationToken cancellationToken)
    {
        if (_transaction is null)
        {
            // Microsoft.Data.Sqlite begins with BEGIN IMMEDIATE: the write lock is taken here, waiting out a live run's save.
            _transaction = await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            _began = _timeProvider.GetTimestamp();
            _insert.Transaction = _transaction;
        }

        _run.Value = runId;
        _step.Value = point.Step;
        _name.Value = point.Name;
        _value.Value = point.Value;
        _timestamp.Value = TimestampConverter.ConvertToProvider(point.Timestamp);
        await _insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        Inserted++;
        if (++_rows >= _limits.MaxBatchRows || _timeProvider.GetElapsedTime(_began) >= _limits.MaxWriteLockHold)
        {
            await CommitAsync(cancellationToken).ConfigureAwait(false);
            await Task.Delay(_limits.PauseBetweenBatches, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Commits the open batch, if any (the last one, without a pause after it).</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_transaction is null)
        {
            return;
        }

        await _transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        var held = _timeProvider.GetElapsedTime(_began);
        LongestHold = held > LongestHold ? held : LongestHold;
        Batches++;
        await _transaction.DisposeAsync().ConfigureAwait(false);
        _transaction = null;
        _rows = 0;
        await _batchCommitted(ArchiveImportStep.PointsCommitted, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An uncommitted batch is rolled back (its rows were never visible).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync().ConfigureAwait(false);
        }

        await _insert.DisposeAsync().ConfigureAwait(false);
    }

    private DbParameter AddParameter(string name)
    {
        var parameter = _insert.CreateParameter();
        parameter.ParameterName = name;
        _insert.Parameters.Add(parameter);
        return parameter;
    }
}
