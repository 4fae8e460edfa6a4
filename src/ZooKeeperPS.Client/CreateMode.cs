namespace ZooKeeperPS.Client;

/// <summary>Node types; the values are the create flags on the wire.</summary>
public enum CreateMode
{
    Persistent = 0,
    Ephemeral = 1,
    PersistentSequential = 2,
    EphemeralSequential = 3,
    Container = 4,
    PersistentWithTtl = 5,
    PersistentSequentialWithTtl = 6,
}

internal static class CreateModeExtensions
{
    public static bool IsSequential(this CreateMode mode) =>
        mode is CreateMode.PersistentSequential or CreateMode.EphemeralSequential or CreateMode.PersistentSequentialWithTtl;

    public static bool IsTtl(this CreateMode mode) =>
        mode is CreateMode.PersistentWithTtl or CreateMode.PersistentSequentialWithTtl;

    public static bool IsDefined(this CreateMode mode) => mode >= CreateMode.Persistent && mode <= CreateMode.PersistentSequentialWithTtl;
}
