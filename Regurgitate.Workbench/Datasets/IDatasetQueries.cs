namespace Regurgitate.Workbench.Datasets;

/// <summary>Read side of the Datasets pages: the catalogue as stored in the database.</summary>
public interface IDatasetQueries
{
    Task<IReadOnlyList<DatasetRow>> ListAsync(CancellationToken cancellationToken);

    Task<DatasetRow?> GetAsync(string id, CancellationToken cancellationToken);
}
