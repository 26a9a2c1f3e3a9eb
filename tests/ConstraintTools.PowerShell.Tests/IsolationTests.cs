using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;

namespace ConstraintTools.PowerShell.Tests;

/// <summary>
/// The module next to another that loads its own YamlDotNet, in either order. Each case runs in a real pwsh
/// process of its own (the repo's tool manifest's), since the order in which assemblies first load cannot be
/// undone within a process; it imports the staged module by name.
/// </summary>
public sealed class IsolationTests
{
    private static readonly string OtherYamlDotNet = typeof(IsolationTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == "OtherYamlDotNet").Value!;

    /// <summary>What the other module does with its YamlDotNet, as powershell-yaml does from script.</summary>
    private const string UseOther =
        "$map = [YamlDotNet.Serialization.DeserializerBuilder]::new().Build().Deserialize([System.IO.StringReader]::new('answer: 42'))\n" +
        "'other: answer=' + $map['answer'] + ' from YamlDotNet ' + [YamlDotNet.Serialization.Deserializer].Assembly.GetName().Version\n";

    /// <summary>Every part of ours that reaches an isolated assembly: YAML both ways and a CSV log.</summary>
    private const string UseOurs =
        "$workflow = Import-Workflow examples/support-desk.yaml\n" +
        "'ours: ' + ($workflow | Find-Constraint).Constraint\n" +
        "'yaml: ' + (ConvertFrom-WorkflowYaml ($workflow | ConvertTo-WorkflowYaml) | Find-Constraint).Constraint\n" +
        "'log: ' + (Import-WorkItemLog examples/delivery-log.csv).ItemCount\n";

    private const string LoadContexts =
        "[System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -match '^(YamlDotNet|Sylvan.Data.Csv|ConstraintTools\\.\\w+)$' } |\n" +
        "    ForEach-Object { 'context: ' + $_.GetName().Name + ' ' + $_.GetName().Version.Major + ' ' + [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name }\n";

    private static readonly string[] OursWorked = { "ours: Fix", "yaml: Fix", "log: 513" };

    [Fact]
    public void AnotherYamlDotNetLoadedFirstLeavesBothModulesWorking()
    {
        var output = RunHost(LoadOther(OtherYamlDotNet) + UseOther + "Import-Module ConstraintTools\n" + UseOurs + UseOther + LoadContexts);

        Assert.Equal(2, output.Count(line => line == "other: answer=42 from YamlDotNet 11.0.0.0"));
        Assert.All(OursWorked, line => Assert.Contains(line, output));
        Assert.Contains("context: YamlDotNet 11 Default", output);
        Assert.Contains("context: YamlDotNet 18 ConstraintTools", output);
    }

    [Fact]
    public void AnotherYamlDotNetLoadedAfterOursLeavesBothModulesWorking()
    {
        var output = RunHost("Import-Module ConstraintTools\n" + UseOurs + LoadOther(OtherYamlDotNet) + UseOther + UseOurs + LoadContexts);

        Assert.Contains("other: answer=42 from YamlDotNet 11.0.0.0", output);
        Assert.All(OursWorked, line => Assert.Equal(2, output.Count(printed => printed == line)));
        Assert.Contains("context: YamlDotNet 11 Default", output);
        Assert.Contains("context: YamlDotNet 18 ConstraintTools", output);
    }

    [Fact]
    public void ANewerYamlDotNetAlreadyLoadedIsNotTakenForOurs()
    {
        // A higher version than ours in the default context would satisfy a plain by-name request; ours must
        // still get its own. No newer YamlDotNet exists, so the test makes an empty one.
        var newer = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "YamlDotNet.dll");
        Directory.CreateDirectory(Path.GetDirectoryName(newer)!);
        try
        {
            var builder = new PersistedAssemblyBuilder(new AssemblyName("YamlDotNet") { Version = new Version(99, 0, 0, 0) }, typeof(object).Assembly);
            builder.DefineDynamicModule("YamlDotNet").DefineType("YamlDotNet.Placeholder", TypeAttributes.Public).CreateType();
            builder.Save(newer);

            var output = RunHost(LoadOther(newer) + "Import-Module ConstraintTools\n" + UseOurs + LoadContexts);

            Assert.All(OursWorked, line => Assert.Contains(line, output));
            Assert.Contains("context: YamlDotNet 99 Default", output);
            Assert.Contains("context: YamlDotNet 18 ConstraintTools", output);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(newer)!, recursive: true);
        }
    }

    [Fact]
    public void OnlyTheThirdPartyAssembliesAndTheirUsersAreIsolated()
    {
        var output = RunHost("Import-Module ConstraintTools\n" + UseOurs + LoadContexts);

        Assert.Contains("context: ConstraintTools.PowerShell 0 Default", output);
        Assert.Contains("context: ConstraintTools.Engine 0 Default", output);
        Assert.Contains("context: ConstraintTools.Yaml 0 ConstraintTools", output);
        Assert.Contains("context: ConstraintTools.Logs 0 ConstraintTools", output);
        Assert.Contains("context: Sylvan.Data.Csv 1 ConstraintTools", output);
    }

    [Fact]
    public void TheModuleWorksAgainAfterItIsRemovedAndImportedAgain()
    {
        var output = RunHost("Import-Module ConstraintTools\n" + UseOurs + "Remove-Module ConstraintTools\n" + LoadOther(OtherYamlDotNet) +
            "Import-Module ConstraintTools\n" + UseOurs + UseOther);

        Assert.All(OursWorked, line => Assert.Equal(2, output.Count(printed => printed == line)));
        Assert.Contains("other: answer=42 from YamlDotNet 11.0.0.0", output);
    }

    [Fact]
    public void TheStagedModuleKeepsThirdPartyAssembliesOutOfItsTopFolder()
    {
        var top = Directory.GetFiles(StagedModule.Dir, "*.dll").Select(Path.GetFileName).Order();
        var isolated = Directory.GetFiles(Path.Combine(StagedModule.Dir, "dependencies"), "*.dll").Select(Path.GetFileName).ToList();

        Assert.Equal(new[] { "ConstraintTools.Engine.dll", "ConstraintTools.PowerShell.dll" }, top);
        Assert.Contains("YamlDotNet.dll", isolated);
        Assert.Contains("Sylvan.Data.Csv.dll", isolated);
        Assert.Contains("ConstraintTools.Yaml.dll", isolated);
        Assert.Contains("ConstraintTools.Logs.dll", isolated);
    }

    [Fact]
    public void TheIsolatedContextLeavesTheRuntimesOwnAssembliesToTheRuntime()
    {
        var owned = InvokeLoader<System.Collections.Generic.IEnumerable<string>>("OwnedFiles", DependencyFolder, Path.GetDirectoryName(typeof(object).Assembly.Location)!)
            .Select(Path.GetFileName).ToList();

        Assert.Equal(new[] { "ConstraintTools.Logs.dll", "ConstraintTools.Yaml.dll", "Microsoft.Bcl.AsyncInterfaces.dll", "Sylvan.Data.Csv.dll", "YamlDotNet.dll" }, owned);
    }

    [Theory]
    [InlineData("Newtonsoft.Json")]
    [InlineData("YamlDotNet, Version=99.0.0.0")]
    [InlineData("Sylvan.Data.Csv, Version=2.0.0.0")]
    public void TheWindowsPowerShellResolverRefusesWhatItDoesNotHave(string name)
    {
        Assert.Null(InvokeLoader<Assembly?>("LoadFromFolder", new AssemblyName(name), DependencyFolder));
    }

    private static string DependencyFolder => Path.Combine(StagedModule.Dir, "dependencies");

    /// <summary>The loader's internal decisions, through the very assembly PowerShell imports.</summary>
    private static T InvokeLoader<T>(string method, params object[] arguments) =>
        (T)Assembly.LoadFrom(Path.Combine(StagedModule.Dir, "ConstraintTools.PowerShell.dll"))
            .GetType("ConstraintTools.PowerShell.DependencyLoader", throwOnError: true)!
            .GetMethod(method, BindingFlags.Static | BindingFlags.NonPublic)!
            .Invoke(null, arguments)!;

    private static string LoadOther(string path) => "$null = [System.Reflection.Assembly]::LoadFrom('" + path.Replace("'", "''") + "')\n";

    /// <summary>Runs a script in a fresh pwsh, the staged module first on its module path, and returns its output lines; fails on errors or a non-zero exit.</summary>
    private static string[] RunHost(string script)
    {
        var file = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".ps1");
        File.WriteAllText(file, "$ErrorActionPreference = 'Stop'\n" + script);
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = StagedModule.RepoRoot,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in new[] { "pwsh", "-NoLogo", "-NoProfile", "-NonInteractive", "-File", file })
                start.ArgumentList.Add(argument);
            start.Environment["PSModulePath"] = Path.GetDirectoryName(StagedModule.Dir.TrimEnd('/', '\\'));
            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            Assert.True(process.WaitForExit(120_000), "pwsh did not finish within two minutes.");
            Assert.True(process.ExitCode == 0, $"Exit code {process.ExitCode}.\n{output}\n{errors.Result}");
            return output.Split('\n').Select(line => line.TrimEnd()).ToArray();
        }
        finally
        {
            File.Delete(file);
        }
    }
}
