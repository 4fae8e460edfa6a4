using System.Collections.Generic;
using System.Threading.Tasks;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Bench;

/// <summary>The five workloads, as one way of driving the client does them.</summary>
public interface IWorkloads
{
    /// <summary>W1: create /bench, the folders and the leaves; returns how many nodes were created.</summary>
    Task<int> CreateTreeAsync();

    /// <summary>W2: data and stat of every leaf, in the order of <see cref="BenchTree.Leaves"/>.</summary>
    Task<DataResult[]> ReadLeavesAsync();

    /// <summary>W3: every node below /bench with its stat.</summary>
    Task<List<(string Path, Stat Stat)>> ListTreeAsync();

    /// <summary>W4: new data for every leaf.</summary>
    Task UpdateLeavesAsync();

    /// <summary>W5: delete /bench recursively; returns how many nodes were deleted.</summary>
    Task<int> DeleteTreeAsync();
}
