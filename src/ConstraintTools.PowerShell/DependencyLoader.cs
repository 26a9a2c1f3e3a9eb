using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;

namespace ConstraintTools.PowerShell
{
    /// <summary>
    /// Loads the module's third-party assemblies (YamlDotNet, Sylvan.Data.Csv, System.Text.Json and its
    /// helpers) and the two ConstraintTools assemblies that use them from the module's <c>dependencies/</c>
    /// folder, so that another module's copy of the same library (powershell-yaml ships an older YamlDotNet)
    /// neither stops ours from loading nor is replaced by ours.
    /// </summary>
    /// <remarks>
    /// On PowerShell 7 the files load into an AssemblyLoadContext of their own. The cmdlets and the engine
    /// (whose types every output object has) stay in the default context, where PowerShell formats and
    /// serializes them; the isolated assemblies reach the engine through the default context, since it is not
    /// a file of <c>dependencies/</c>. This assembly targets netstandard2.0, which has no AssemblyLoadContext,
    /// so the type is reached by reflection. Every file is loaded into the context at import, before anything
    /// asks for it by name, because a context without a Load override would otherwise take a same-named
    /// assembly the default context already holds.
    /// On Windows PowerShell 5.1 there are no load contexts: the files load with LoadFrom, as PowerShell loads
    /// a module's own assemblies, and .NET Framework takes the helpers it lacks from the same folder.
    /// The resolver answers only for files of <c>dependencies/</c>, and on PowerShell 7 only when one of this
    /// module's assemblies asks; every other request is left to whoever else resolves it. So it stays registered
    /// for the life of the process once the module is first imported: a Remove-Module in one runspace must not
    /// break the module in another, and loaded assemblies cannot be unloaded anyway.
    /// </remarks>
    public sealed class DependencyLoader : IModuleAssemblyInitializer
    {
        internal const string FolderName = "dependencies";
        internal const string ContextName = "ConstraintTools";

        private static readonly object Gate = new object();
        private static readonly Assembly Self = typeof(DependencyLoader).Assembly;
        private static readonly Assembly Engine = typeof(Workflow).Assembly;
        private static bool registered;
        private static Dictionary<string, Assembly>? isolated;

        public void OnImport()
        {
            lock (Gate)
            {
                if (registered)
                    return;
                if (LoadContext.Create(ContextName) is LoadContext context)
                    isolated = OwnedFiles(DependencyFolder, RuntimeFolder).ToDictionary(
                        file => AssemblyName.GetAssemblyName(file).Name!,
                        context.LoadFromAssemblyPath,
                        StringComparer.OrdinalIgnoreCase);
                AppDomain.CurrentDomain.AssemblyResolve += Resolve;
                registered = true;
            }
        }

        private static string DependencyFolder => Path.Combine(Path.GetDirectoryName(Self.Location)!, FolderName);

        /// <summary>Where the running .NET keeps its own assemblies ($PSHOME for an installed pwsh).</summary>
        private static string RuntimeFolder => Path.GetDirectoryName(typeof(object).Assembly.Location)!;

        /// <summary>
        /// The files the isolated context takes: every assembly of <paramref name="dependencyFolder"/> except those
        /// the runtime ships itself (System.Text.Json and the helpers netstandard2.0 needs on .NET Framework), which
        /// must come from the runtime so their types are the runtime's.
        /// </summary>
        internal static IEnumerable<string> OwnedFiles(string dependencyFolder, string runtimeFolder) =>
            Directory.EnumerateFiles(dependencyFolder, "*.dll")
                .Where(file => !File.Exists(Path.Combine(runtimeFolder, Path.GetFileName(file))))
                .OrderBy(file => file, StringComparer.Ordinal);

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var wanted = new AssemblyName(args.Name);
            // The isolated assemblies use the engine the cmdlets use, loaded from the module's top folder.
            if (wanted.Name == Engine.GetName().Name)
                return Satisfies(Engine.GetName(), wanted) ? Engine : null;
            var loaded = isolated;
            if (loaded == null)
                return LoadFromFolder(wanted, DependencyFolder);
            if (!IsOurs(args.RequestingAssembly, loaded.Values))
                return null;
            return loaded.TryGetValue(wanted.Name!, out var assembly) && Satisfies(assembly.GetName(), wanted) ? assembly : null;
        }

        private static bool IsOurs(Assembly? requester, IEnumerable<Assembly> isolated) =>
            requester == Self || (requester != null && isolated.Contains(requester));

        /// <summary>Windows PowerShell: a file of the folder with the asked name and at least the asked version, by LoadFrom.</summary>
        internal static Assembly? LoadFromFolder(AssemblyName wanted, string dependencyFolder)
        {
            var file = Path.Combine(dependencyFolder, wanted.Name + ".dll");
            if (!File.Exists(file) || !Satisfies(AssemblyName.GetAssemblyName(file), wanted))
                return null;
            return Assembly.LoadFrom(file);
        }

        private static bool Satisfies(AssemblyName available, AssemblyName wanted) =>
            wanted.Version == null || (available.Version != null && available.Version >= wanted.Version);

        /// <summary>An AssemblyLoadContext reached by reflection; null where the runtime has none (.NET Framework).</summary>
        private sealed class LoadContext
        {
            private readonly object context;
            private readonly MethodInfo loadFromAssemblyPath;

            private LoadContext(object context, MethodInfo loadFromAssemblyPath)
            {
                this.context = context;
                this.loadFromAssemblyPath = loadFromAssemblyPath;
            }

            public static LoadContext? Create(string name)
            {
                var type = typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext");
                var constructor = type?.GetConstructor(new[] { typeof(string), typeof(bool) });
                var load = type?.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) });
                if (constructor == null || load == null)
                    return null;
                return new LoadContext(constructor.Invoke(new object[] { name, false }), load);
            }

            public Assembly LoadFromAssemblyPath(string path) => (Assembly)loadFromAssemblyPath.Invoke(context, new object[] { path })!;
        }
    }
}
