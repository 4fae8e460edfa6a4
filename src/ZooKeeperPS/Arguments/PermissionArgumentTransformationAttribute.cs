using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;

namespace ZooKeeperPS;

/// <summary>
/// Lets -Permission take zkCli's letters (cdrwa, rw) as well as the names of <see cref="ZkPermission"/> (Read, Write or
/// 'Read, Write'), and lists of either. A string that is neither is refused naming the characters that are not letters.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class PermissionArgumentTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return value switch
        {
            string text => Parse(text),
            IEnumerable list => list.Cast<object?>().Aggregate(ZkPermission.None, (all, item) => all | ToPermission(item)),
            _ => inputData,
        };
    }

    private static ZkPermission ToPermission(object? item)
    {
        var value = item is PSObject wrapped ? wrapped.BaseObject : item;
        return value is string text ? Parse(text) : LanguagePrimitives.ConvertTo<ZkPermission>(value);
    }

    private static ZkPermission Parse(string text)
    {
        var trimmed = text.Trim();
        if (PermissionLetters.TryParse(trimmed, out var fromLetters, out var wrong)) return fromLetters;
        if (Enum.TryParse<ZkPermission>(trimmed, ignoreCase: true, out var fromNames) && !trimmed.Any(char.IsDigit)) return fromNames;
        var notLetters = string.Join(", ", wrong.Select(c => $"'{c}'"));
        var problem = wrong.Count switch
        {
            0 => "it is empty",
            1 => notLetters + " is not a permission letter",
            _ => notLetters + " are not permission letters",
        };
        throw new ArgumentTransformationMetadataException(
            $"'{text}' is not a permission: {problem}. " +
            "Use zkCli's letters c (Create), d (Delete), r (Read), w (Write), a (Admin), for example cdrwa or rw, " +
            "or the names Read, Write, Create, Delete, Admin and All, for example Read, Write.");
    }
}
