using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using Regurgitate.Workbench.Archives;
using Regurgitate.Workbench.Experiments;

namespace Regurgitate.Web.Features.Experiments;

/// <summary>
/// <c>GET /experiments/{id}/archive[?checkpoints=true]</c>: the experiment's archive, zipped straight into the response
/// (no temporary file, nothing buffered whole). A GET that changes nothing needs no antiforgery token; when remote
/// serving is on, the login's fallback policy covers it like every page.
/// </summary>
public static class ExperimentArchiveEndpoints
{
    public static string ArchiveUrl(int experimentId, bool checkpoints) =>
        $"/experiments/{experimentId}/archive" + (checkpoints ? "?checkpoints=true" : string.Empty);

    public static IEndpointRouteBuilder MapExperimentArchiveEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/experiments/{id:int}/archive", ExportAsync);
        return endpoints;
    }

    private static async Task ExportAsync(int id, bool? checkpoints, HttpContext http, IExperimentQueries queries, ExperimentArchiveWriter writer, CancellationToken cancellationToken)
    {
        var detail = await queries.GetAsync(id, cancellationToken);
        if (detail is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        http.Response.ContentType = "application/zip";
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileNameStar = ExperimentArchiveWriter.SuggestedFileName(detail.Name),
        }.ToString();
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        // ZipArchive closes each entry's deflate stream synchronously (even from DisposeAsync, .NET 10), which Kestrel
        // refuses by default; allowing it for this one response costs a blocked thread per entry flush, not a buffer.
        if (http.Features.Get<IHttpBodyControlFeature>() is { } bodyControl)
        {
            bodyControl.AllowSynchronousIO = true;
        }

        await writer.WriteAsync(id, http.Response.Body, checkpoints ?? false, null, cancellationToken);
    }
}
