using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace ConstraintTools.PowerShell.Tests;

/// <summary>
/// The staged assemblies run on every platform the manifest claims: a scan of their metadata, which needs
/// System.Reflection.Metadata rather than a pwsh session. The package itself, and installing it with
/// PSResourceGet, are tested in real pwsh (tests/Pester/Packaging.Tests.ps1).
/// </summary>
public sealed class PortabilityTests
{
    [Fact]
    public void CmdletAssembliesUseNoWindowsOnlyApi()
    {
        var ours = Directory.GetFiles(StagedModule.Dir, "ConstraintTools.*.dll", SearchOption.AllDirectories);

        Assert.Contains(ours, f => Path.GetFileName(f) == "ConstraintTools.PowerShell.dll");
        Assert.Contains(ours, f => Path.GetFileName(f) == "ConstraintTools.Engine.dll");
        Assert.All(ours, assembly => Assert.Empty(WindowsOnlyUses(assembly)));
        // The scan does see such uses where they are: the PowerShell engine reads the registry and P/Invokes.
        var engine = WindowsOnlyUses(typeof(PSObject).Assembly.Location).ToList();
        Assert.Contains(engine, use => use.StartsWith("type Microsoft.Win32.Registry", StringComparison.Ordinal));
        Assert.Contains(engine, use => use.StartsWith("P/Invoke", StringComparison.Ordinal));
    }

    /// <summary>
    /// References that work only on Windows: the registry, WinForms, WMI, Active Directory, the
    /// event log, Windows services and identities, and any P/Invoke into a native library but the Unix
    /// ones (libc and the runtime's System.Native), which the cmdlets call only off Windows.
    /// </summary>
    private static IEnumerable<string> WindowsOnlyUses(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var uses = new List<string>();
        foreach (var handle in metadata.AssemblyReferences)
        {
            var name = metadata.GetString(metadata.GetAssemblyReference(handle).Name);
            if (IsWindowsOnlyAssembly(name)) uses.Add("assembly " + name);
        }
        foreach (var handle in metadata.TypeReferences)
        {
            var type = metadata.GetTypeReference(handle);
            var name = metadata.GetString(type.Namespace) + "." + metadata.GetString(type.Name);
            if (IsWindowsOnlyType(name)) uses.Add("type " + name);
        }
        foreach (var handle in metadata.MethodDefinitions)
        {
            var method = metadata.GetMethodDefinition(handle);
            if ((method.Attributes & System.Reflection.MethodAttributes.PinvokeImpl) == 0) continue;
            var library = metadata.GetString(metadata.GetModuleReference(method.GetImport().Module).Name);
            if (!IsUnixLibrary(library)) uses.Add($"P/Invoke {metadata.GetString(method.Name)} in {library}");
        }
        return uses;
    }

    private static bool IsUnixLibrary(string name) => name is "libc" or "libSystem.Native";

    private static bool IsWindowsOnlyAssembly(string name) =>
        name is "Microsoft.Win32.Registry" or "System.Windows.Forms" or "System.Management" or "System.Diagnostics.EventLog" or "System.ServiceProcess.ServiceController"
        || name.StartsWith("System.DirectoryServices", StringComparison.Ordinal);

    private static bool IsWindowsOnlyType(string name) =>
        name.StartsWith("Microsoft.Win32.Registry", StringComparison.Ordinal)
        || name.StartsWith("System.Windows.Forms.", StringComparison.Ordinal)
        || name.StartsWith("System.DirectoryServices.", StringComparison.Ordinal)
        || name.StartsWith("System.Diagnostics.EventLog", StringComparison.Ordinal)
        || name.StartsWith("System.ServiceProcess.", StringComparison.Ordinal)
        || name is "System.Security.Principal.WindowsIdentity" or "System.Security.Principal.WindowsPrincipal"
        // WMI's namespace, not PowerShell's System.Management.Automation.
        || (name.StartsWith("System.Management.", StringComparison.Ordinal) && !name.StartsWith("System.Management.Automation", StringComparison.Ordinal));
}
