using System;
using System.IO;
using System.Linq;
using ConstraintTools.Host;

const string usage = """
    Runs PowerShell with the staged ConstraintTools module, for machines without pwsh.

    Usage:
      ConstraintTools.Host [-Command] <pipeline text...>
      ConstraintTools.Host -File <script.ps1> [script arguments...]

    Output is formatted through the module's views. The exit code is 1 when the
    pipeline wrote an error, else the script's exit code (0 when it set none).
    """;

if (args.Length == 0 || args[0] is "-h" or "-?" or "--help" or "-Help")
{
    Console.WriteLine(usage);
    return args.Length == 0 ? 2 : 0;
}

string script;
if (args[0].Equals("-File", StringComparison.OrdinalIgnoreCase))
{
    if (args.Length < 2)
    {
        Console.Error.WriteLine("-File needs the path of a .ps1 script.");
        return 2;
    }
    var path = Path.GetFullPath(args[1]);
    script = "& '" + path.Replace("'", "''") + "' " + string.Join(" ", args.Skip(2));
}
else
{
    script = string.Join(" ", args[0].Equals("-Command", StringComparison.OrdinalIgnoreCase) ? args.Skip(1) : args);
}

var redirected = Console.IsOutputRedirected;
using var runner = new PipelineRunner(Console.Out, Console.Error, redirected ? 160 : Math.Max(80, Console.WindowWidth), plainText: redirected);
return runner.Run(script);
