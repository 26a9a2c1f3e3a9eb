using System.IO;
using System.Linq;
using System.Reflection;

namespace ConstraintTools.PowerShell.Tests;

/// <summary>Where the build staged the module these tests read: out/ConstraintTools under the repository.</summary>
public static class StagedModule
{
    public static string Dir { get; } = Path.GetFullPath(typeof(StagedModule).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "StagedModuleDir").Value!);

    public static string RepoRoot { get; } = Path.GetFullPath(Path.Combine(Dir, "..", ".."));
}
