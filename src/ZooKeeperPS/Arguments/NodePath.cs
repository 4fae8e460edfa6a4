using System;
using ZooKeeperPS.Client;

namespace ZooKeeperPS;

/// <summary>Checks a -Path before anything is sent, so that a bad one is reported in its place among the items.</summary>
internal static class NodePath
{
    /// <summary>The client's own ArgumentException for an invalid path (ParamName "path"), or null for a valid one.</summary>
    public static ArgumentException? Problem(string path, bool isSequential = false)
    {
        try
        {
            ZooKeeperPath.Validate(path, isSequential);
            return null;
        }
        catch (ArgumentException invalid)
        {
            return invalid;
        }
    }
}
