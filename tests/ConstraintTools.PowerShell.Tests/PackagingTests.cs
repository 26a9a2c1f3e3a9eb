using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Threading;
using NuGet.Common;
using NuGet.Packaging;
using NuGet.Protocol;

namespace ConstraintTools.PowerShell.Tests;

/// <summary>
/// Installing sets the process-wide PSModulePath, which the console host's tests also read, so
/// these tests run alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PackagingCollection
{
    public const string Name = "Packaging";
}

/// <summary>
/// The package exactly as a user makes it, with the README's `dotnet pack` command, in a folder
/// that serves as a local repository (`Register-PSResourceRepository -Uri <folder>`).
/// </summary>
public sealed class PackedModule : IDisposable
{
    public PackedModule()
    {
        Root = Path.Combine(Path.GetTempPath(), "ct-packaging-" + Guid.NewGuid().ToString("N"));
        Feed = Path.Combine(Root, "repository");
        var project = Path.Combine(ModuleSession.RepoRoot, "src", "ConstraintTools.Package", "ConstraintTools.Package.csproj");
        var configuration = typeof(PackedModule).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        // --no-build: building this test project has built the package project and staged the module.
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "pack", project, "--no-build", "--disable-build-servers", "--nologo", "-c", configuration, "-o", Feed })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet pack exited with {process.ExitCode}:\n{output}\n{errors.Result}");
        Nupkg = Directory.GetFiles(Feed, "*.nupkg").Single();
    }

    public string Root { get; }
    public string Feed { get; }
    public string Nupkg { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary>
/// The module package: built by `dotnet pack`, laid out and described as PowerShellGet and
/// PSResourceGet expect, and installable from a local repository. Install-PSResource cannot run on
/// the build machine, so <see cref="Install"/> does what it does, with NuGet's own libraries.
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed class PackagingTests : IClassFixture<PackedModule>
{
    private const string Id = "ConstraintTools";
    private static readonly string[] NuGetFiles = { "[Content_Types].xml", "_rels/", "package/", Id + ".nuspec" };
    private readonly PackedModule packed;

    public PackagingTests(PackedModule packed) => this.packed = packed;

    [Fact]
    public void StagedManifestPassesTestModuleManifestWithThePublishingMetadata()
    {
        var manifest = TestModuleManifest(ModuleSession.ManifestPath);

        Assert.Equal(new Uri("https://opensource.org/licenses/MIT"), manifest.LicenseUri);
        Assert.Equal(new Uri("https://github.com/ConstraintTools/ConstraintTools"), manifest.ProjectUri);
        // Release notes that do not name the version were not written for it.
        Assert.StartsWith(manifest.Version.ToString(3) + ",", manifest.ReleaseNotes);
        Assert.Contains("Flow", manifest.Tags);
        Assert.Equal(AssemblyVersion(), manifest.Version);
        // Publish-Module and the gallery list commands from CmdletsToExport only when it names them.
        var declared = ((IEnumerable)ReadDataFile(ModuleSession.ManifestPath)["CmdletsToExport"]!).Cast<string>().ToArray();
        Assert.DoesNotContain(declared, name => name.IndexOfAny(new[] { '*', '?', '[' }) >= 0);
        Assert.Equal(declared.OrderBy(n => n, StringComparer.Ordinal), manifest.ExportedCmdlets.Keys.OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void PackageIsVersionedAsTheManifestAndTheAssemblies()
    {
        var version = TestModuleManifest(ModuleSession.ManifestPath).Version;
        using var package = new PackageArchiveReader(packed.Nupkg);

        Assert.Equal(AssemblyVersion(), version);
        Assert.Equal(version.ToString(), package.NuspecReader.GetVersion().ToNormalizedString());
        // Install-PSResource -Version looks for exactly this file name in a local repository.
        Assert.Equal($"{Id}.{version.ToString(3)}.nupkg", Path.GetFileName(packed.Nupkg));
    }

    [Fact]
    public void NuspecCarriesWhatPublishModuleWrites()
    {
        var manifest = TestModuleManifest(ModuleSession.ManifestPath);
        using var package = new PackageArchiveReader(packed.Nupkg);
        var nuspec = package.NuspecReader;

        Assert.Equal(Id, nuspec.GetId());
        Assert.Equal(manifest.Author, nuspec.GetAuthors());
        Assert.Equal(manifest.Description, nuspec.GetDescription());
        Assert.Equal(manifest.Copyright, nuspec.GetCopyright());
        var license = nuspec.GetLicenseMetadata();
        Assert.NotNull(license);
        Assert.Equal(LicenseType.Expression, license.Type);
        Assert.Equal("MIT", license.License);
        Assert.Equal(manifest.ProjectUri.ToString(), nuspec.GetProjectUrl());
        Assert.Equal(Lines(manifest.ReleaseNotes), Lines(nuspec.GetReleaseNotes() ?? ""));
        Assert.Empty(nuspec.GetDependencyGroups());
        var cmdlets = manifest.ExportedCmdlets.Keys;
        var expected = manifest.Tags
            .Append("PSModule").Append("PSIncludes_Cmdlet")
            .Concat(cmdlets.Select(c => "PSCmdlet_" + c))
            .Concat(cmdlets.Select(c => "PSCommand_" + c))
            .Append("PSEdition_Core").Append("PSEdition_Desktop")
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var tags = nuspec.GetTags().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(tags.Length, tags.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(expected.OrderBy(t => t, StringComparer.OrdinalIgnoreCase), tags.OrderBy(t => t, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void PackageHoldsTheStagedModuleAtItsRootAndNothingElse()
    {
        using var zip = ZipFile.OpenRead(packed.Nupkg);
        var entries = zip.Entries
            .Where(e => !NuGetFiles.Any(n => n.EndsWith('/') ? e.FullName.StartsWith(n, StringComparison.Ordinal) : e.FullName == n))
            .ToDictionary(e => e.FullName, e => e, StringComparer.Ordinal);
        // Recursive, so whatever the staging puts in subfolders (dependencies/, en-US/) is held too.
        var staged = Directory.GetFiles(ModuleSession.StagedModuleDir, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(ModuleSession.StagedModuleDir, f).Replace('\\', '/'), f => f, StringComparer.Ordinal);
        staged.Add("LICENSE", Path.Combine(ModuleSession.RepoRoot, "LICENSE"));

        Assert.Equal(staged.Keys.OrderBy(k => k, StringComparer.Ordinal), entries.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Contains($"{Id}.psd1", entries.Keys);
        foreach (var (name, path) in staged)
            Assert.True(File.ReadAllBytes(path).AsSpan().SequenceEqual(ReadEntry(entries[name])), $"{name} in the package differs from the staged file");
    }

    [Fact]
    public void InstallsFromALocalRepositoryAndImportsByName()
    {
        // The package is found by id and by the tag PowerShellGet filters modules with.
        Assert.Equal(FeedType.FileSystemV2, LocalFolderUtility.GetLocalFeedType(packed.Feed, NullLogger.Instance));
        var repository = new FindLocalPackagesResourceV2(packed.Feed);
        var found = Assert.Single(repository.FindPackagesById(Id, NullLogger.Instance, CancellationToken.None));
        var tagged = repository.GetPackages(NullLogger.Instance, CancellationToken.None)
            .Where(p => p.Nuspec.GetTags().Split(' ').Contains("PSModule", StringComparer.OrdinalIgnoreCase));
        Assert.Equal(found.Identity, Assert.Single(tagged).Identity);

        var modules = Path.Combine(packed.Root, "Modules");
        var installed = Install(found.Path, modules);

        Assert.Equal(Path.Combine(modules, Id, found.Identity.Version.ToString()), installed);
        var manifest = TestModuleManifest(Path.Combine(installed, $"{Id}.psd1"));
        Assert.Equal(found.Identity.Version.ToNormalizedString(), manifest.Version.ToString());
        var cmdlets = TestModuleManifest(ModuleSession.ManifestPath).ExportedCmdlets.Keys.OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(cmdlets, manifest.ExportedCmdlets.Keys.OrderBy(n => n, StringComparer.Ordinal));

        var previous = Environment.GetEnvironmentVariable("PSModulePath");
        Environment.SetEnvironmentVariable("PSModulePath", modules);
        try
        {
            using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            runspace.Open();
            using var shell = System.Management.Automation.PowerShell.Create();
            shell.Runspace = runspace;
            var example = Path.Combine(ModuleSession.RepoRoot, "examples", "code-review.yaml");
            shell.AddScript($"""
                Import-Module {Id} -ErrorAction Stop
                (Get-Module {Id}).ModuleBase
                Import-Workflow -LiteralPath '{example}' | Find-Constraint
                """);
            var output = shell.Invoke();

            Assert.Empty(shell.Streams.Error);
            Assert.Equal(Path.GetFullPath(installed), Path.GetFullPath((string)output[0].BaseObject));
            var report = output[1];
            Assert.Equal("Review", (string)report.Properties["Constraint"].Value);
            Assert.Equal(0.875, (double)report.Properties["Utilization"].Value, 9);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PSModulePath", previous);
        }
    }

    [Fact]
    public void CmdletAssembliesUseNoWindowsOnlyApi()
    {
        var ours = Directory.GetFiles(ModuleSession.StagedModuleDir, "ConstraintTools.*.dll", SearchOption.AllDirectories);

        Assert.Contains(ours, f => Path.GetFileName(f) == "ConstraintTools.PowerShell.dll");
        Assert.Contains(ours, f => Path.GetFileName(f) == "ConstraintTools.Engine.dll");
        Assert.All(ours, assembly => Assert.Empty(WindowsOnlyUses(assembly)));
        // The scan does see such uses where they are: the PowerShell engine reads the registry and P/Invokes.
        var engine = WindowsOnlyUses(typeof(PSObject).Assembly.Location).ToList();
        Assert.Contains(engine, use => use.StartsWith("type Microsoft.Win32.Registry", StringComparison.Ordinal));
        Assert.Contains(engine, use => use.StartsWith("P/Invoke", StringComparison.Ordinal));
    }

    /// <summary>
    /// What Install-PSResource does with a package from a local repository: unzip it, read the
    /// version from the module manifest at its root, drop NuGet's own files, and move the rest to
    /// Modules/&lt;name&gt;/&lt;version&gt;/. Returns that folder.
    /// </summary>
    private static string Install(string nupkg, string modules)
    {
        var temp = Path.Combine(modules, ".install-" + Guid.NewGuid().ToString("N"));
        ZipFile.ExtractToDirectory(nupkg, temp);
        var version = (string)ReadDataFile(Path.Combine(temp, $"{Id}.psd1"))["ModuleVersion"]!;
        foreach (var name in NuGetFiles)
        {
            var path = Path.Combine(temp, name.TrimEnd('/'));
            if (name.EndsWith('/')) Directory.Delete(path, recursive: true);
            else File.Delete(path);
        }
        var target = Path.Combine(modules, Id, version);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        Directory.Move(temp, target);
        return target;
    }

    /// <summary>Test-ModuleManifest in the hosted engine; its errors fail the test.</summary>
    private static PSModuleInfo TestModuleManifest(string path)
    {
        using var shell = System.Management.Automation.PowerShell.Create(InitialSessionState.CreateDefault2());
        var output = shell.AddCommand("Test-ModuleManifest").AddParameter("Path", path).Invoke();
        Assert.Empty(shell.Streams.Error);
        return (PSModuleInfo)Assert.Single(output).BaseObject;
    }

    /// <summary>A .psd1 read as data, as Import-PowerShellDataFile and PSResourceGet read it.</summary>
    private static Hashtable ReadDataFile(string path)
    {
        var ast = Parser.ParseFile(path, out _, out var errors);
        Assert.Empty(errors);
        return (Hashtable)((HashtableAst)ast.Find(a => a is HashtableAst, searchNestedScriptBlocks: false)!).SafeGetValue();
    }

    private static Version AssemblyVersion()
    {
        var assembly = AssemblyName.GetAssemblyName(Path.Combine(ModuleSession.StagedModuleDir, "ConstraintTools.PowerShell.dll")).Version!;
        return new Version(assembly.Major, assembly.Minor, assembly.Build);
    }

    private static string[] Lines(string text) => text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();

    private static byte[] ReadEntry(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
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
