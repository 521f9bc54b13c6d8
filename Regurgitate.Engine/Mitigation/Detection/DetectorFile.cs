using System.Text;
using Regurgitate.Engine.Storage;

namespace Regurgitate.Engine.Mitigation.Detection;

/// <summary>
/// The detector's file format, version 1 (little-endian): magic <c>RGHD</c>, int32 version, the options, the bias, the
/// non-zero weights as (int32 index, float64 value) pairs, then an FNV-1a 64 checksum of everything before it.
/// Only non-zero weights are stored: most of the 2^HashBits slots are never touched.
/// </summary>
internal static class DetectorFile
{
    public const int Version = 1;
    private static readonly byte[] Magic = "RGHD"u8.ToArray();

    public static void Write(string path, DetectorOptions options, double[] weights, double bias)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(options.HashBits);
            writer.Write(options.WordNgramMin);
            writer.Write(options.WordNgramMax);
            writer.Write(options.CharNgramMin);
            writer.Write(options.CharNgramMax);
            writer.Write(options.LowerCase);
            writer.Write(options.NormalizeTypography);
            writer.Write(options.Epochs);
            writer.Write(options.LearningRate);
            writer.Write(options.L2);
            writer.Write(options.Seed);
            writer.Write(bias);
            writer.Write(weights.Count(w => w != 0));
            for (var i = 0; i < weights.Length; i++)
            {
                if (weights[i] != 0)
                {
                    writer.Write(i);
                    writer.Write(weights[i]);
                }
            }

            writer.Flush();
            writer.Write(Checksum(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
        }

        AtomicFile.WriteAllBytes(path, buffer.ToArray());
    }

    public static (DetectorOptions Options, double[] Weights, double Bias) Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var bytes = File.ReadAllBytes(path);
        try
        {
            if (bytes.Length < Magic.Length + sizeof(int) + sizeof(ulong) || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            {
                throw Invalid(path, "it does not start with the detector signature");
            }

            var stored = BitConverter.ToUInt64(bytes, bytes.Length - sizeof(ulong));
            if (stored != Checksum(bytes.AsSpan(0, bytes.Length - sizeof(ulong))))
            {
                throw Invalid(path, "its checksum does not match (truncated or damaged)");
            }

            using var reader = new BinaryReader(new MemoryStream(bytes, 0, bytes.Length - sizeof(ulong)), Encoding.UTF8);
            reader.ReadBytes(Magic.Length);
            var version = reader.ReadInt32();
            if (version != Version)
            {
                throw Invalid(path, $"it has format version {version}; this build reads version {Version}");
            }

            var options = new DetectorOptions
            {
                HashBits = reader.ReadInt32(),
                WordNgramMin = reader.ReadInt32(),
                WordNgramMax = reader.ReadInt32(),
                CharNgramMin = reader.ReadInt32(),
                CharNgramMax = reader.ReadInt32(),
                LowerCase = reader.ReadBoolean(),
                NormalizeTypography = reader.ReadBoolean(),
                Epochs = reader.ReadInt32(),
                LearningRate = reader.ReadDouble(),
                L2 = reader.ReadDouble(),
                Seed = reader.ReadInt32(),
            };
            options.Validate();
            var bias = reader.ReadDouble();
            var weights = new double[1 << options.HashBits];
            var count = reader.ReadInt32();
            if (count < 0 || count > weights.Length)
            {
                throw Invalid(path, $"it claims {count} weights");
            }

            for (var k = 0; k < count; k++)
            {
                var index = reader.ReadInt32();
                if ((uint)index >= (uint)weights.Length)
                {
                    throw Invalid(path, $"weight index {index} is outside 0..{weights.Length - 1}");
                }

                weights[index] = reader.ReadDouble();
            }

            if (reader.BaseStream.Position != reader.BaseStream.Length)
            {
                throw Invalid(path, "it has trailing bytes");
            }

            return (options, weights, bias);
        }
        catch (Exception ex) when (ex is EndOfStreamException or ArgumentException)
        {
            throw Invalid(path, ex.Message, ex);
        }
    }

    private static InvalidDataException Invalid(string path, string reason, Exception? inner = null) =>
        new($"'{path}' is not a valid human-text detector file: {reason}.", inner);

    private static ulong Checksum(ReadOnlySpan<byte> bytes)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}
