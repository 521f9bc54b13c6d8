namespace Regurgitate.Engine.Hosted;

/// <summary>
/// One HTTP call of the files or fine-tuning API, relative to the API root (<c>files</c>, <c>fine_tuning/jobs/{id}</c>).
/// <paramref name="Hash"/> names it in logs and in the <c>x-regurgitate-request</c> header; a 200 reply is complete only
/// if it is a JSON object with the property <paramref name="Expect"/> (<c>id</c> for one object, <c>data</c> for a list),
/// or, when <paramref name="Jsonl"/>, if every line is a JSON object (a downloaded batch output file).
/// </summary>
internal sealed record HostedCall(string Method, string Path, string Hash, string Expect = "id", byte[]? Body = null, string? ContentType = null, IReadOnlyList<KeyValuePair<string, string>>? Query = null, bool Jsonl = false);
