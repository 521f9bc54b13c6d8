using System.Text;

namespace Regurgitate.Testing;

/// <summary>A minimal multipart/form-data reader for <see cref="FakeOpenAiServer"/>: each part's field name, file name and bytes.</summary>
public static class FakeMultipart
{
    public static IReadOnlyList<(string Name, string? FileName, byte[] Content)> Parse(byte[] body, string? contentType)
    {
        ArgumentNullException.ThrowIfNull(body);
        var marker = "boundary=";
        var at = contentType?.IndexOf(marker, StringComparison.OrdinalIgnoreCase) ?? -1;
        if (at < 0)
        {
            return [];
        }

        var boundary = "--" + contentType![(at + marker.Length)..].Split(';')[0].Trim().Trim('"');
        // Latin-1 maps every byte to one char and back, so part contents survive unchanged.
        var text = Encoding.Latin1.GetString(body);
        var parts = new List<(string, string?, byte[])>();
        foreach (var chunk in text.Split(boundary).Skip(1))
        {
            if (chunk.StartsWith("--", StringComparison.Ordinal))
            {
                break;
            }

            var headerEnd = chunk.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (headerEnd < 0)
            {
                continue;
            }

            var headers = chunk[..headerEnd];
            var content = chunk[(headerEnd + 4)..];
            if (content.EndsWith("\r\n", StringComparison.Ordinal))
            {
                content = content[..^2];
            }

            parts.Add((Attribute(headers, "name") ?? "", Attribute(headers, "filename"), Encoding.Latin1.GetBytes(content)));
        }

        return parts;
    }

    private static string? Attribute(string headers, string name)
    {
        foreach (var piece in headers.Split(';'))
        {
            var trimmed = piece.Trim();
            if (trimmed.StartsWith(name + "=", StringComparison.OrdinalIgnoreCase))
            {
                return trimmed[(name.Length + 1)..].Split("\r\n")[0].Trim('"');
            }
        }

        return null;
    }
}
