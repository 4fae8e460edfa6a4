using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Client.Recipes;

/// <summary>
/// Copies a subtree to another path, on the same session or another cluster's, streaming: what a
/// <see cref="TreeExporter"/> reads goes straight into a <see cref="TreeImporter"/>, with no file between (memory is
/// that of both bounded windows). The caller pulls the steps with <see cref="NextAsync"/>.
/// </summary>
public sealed class SubtreeCopier
{
    private readonly TreeExporter _exporter;
    private readonly TreeImporter _importer;
    private bool _completed;

    public SubtreeCopier(ZooKeeperClient source, string sourcePath, ZooKeeperClient destination, string destinationPath,
        TreeExportOptions? exportOptions = null, TreeImportOptions? importOptions = null)
    {
        if (source is null) throw new ArgumentNullException(nameof(source));
        if (destination is null) throw new ArgumentNullException(nameof(destination));
        ZooKeeperPath.Validate(sourcePath);
        ZooKeeperPath.Validate(destinationPath);
        if (source == destination && IsAtOrUnder(destinationPath, sourcePath))
        {
            throw new ArgumentException($"Cannot copy {sourcePath} into itself ({destinationPath}).", nameof(destinationPath));
        }
        _exporter = new TreeExporter(source, sourcePath, exportOptions);
        _importer = new TreeImporter(destination, destinationPath, importOptions);
    }

    public TreeExporter Exporter => _exporter;

    public TreeImporter Importer => _importer;

    /// <summary>
    /// The next step: the failures met (nodes that could not be read at the source or written at the destination), in
    /// order; null once the copy has ended. A lost connection or closed session of either side fails the task.
    /// </summary>
    public async Task<IReadOnlyList<NodeFailure>?> NextAsync(CancellationToken cancellationToken = default)
    {
        if (_completed)
        {
            return null;
        }
        var step = await _exporter.NextAsync(cancellationToken).ConfigureAwait(false);
        if (step is null)
        {
            _completed = true;
            return await _importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        var failures = new List<NodeFailure>(step.Failures);
        foreach (var record in step.Records)
        {
            failures.AddRange(await _importer.AddAsync(record, cancellationToken).ConfigureAwait(false));
        }
        return failures;
    }

    internal static bool IsAtOrUnder(string path, string root) =>
        path == root || root == "/" || path.StartsWith(root + "/", StringComparison.Ordinal);
}
