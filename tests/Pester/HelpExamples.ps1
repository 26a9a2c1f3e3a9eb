# The help's examples as HelpExamples.Tests.ps1 checks them and Update-HelpExampleOutput.ps1 rewrites them.
#
# A cmdlet example's code (dev:code) is code only, so pasting it runs. What pasting it prints at a 120-column
# console, in a folder that holds a copy of the module's examples folder, is the remarks paragraph after the comment
# <!-- printed -->; an example that prints nothing has none. Paths under that folder print as ./, and a line "..."
# stands for any number of lines left out. The about topic writes its examples as a session (PS> lines, what they
# print after them) wrapped to its page, so they are compared word by word. Simulations and forecasts are seeded
# (-Seed defaults to 1), so their figures are the same on every run. Two commands outside the module stand in for
# what this machine does not have: Invoke-RestMethod answers with examples/code-review.yaml, and Graphviz's dot
# does nothing.

$script:HelpPath = Join-Path $RepoRoot 'module/en-US/ConstraintTools.PowerShell.dll-Help.xml'
$script:HelpWidth = 120

function script:Read-Help {
    $help = [xml]::new()
    $help.PreserveWhitespace = $true
    $help.Load($HelpPath)
    $help
}

# Each example of each cmdlet: its number, title, code, and the printed paragraph (and what it shows, or $null).
function script:Get-HelpExample([xml] $Help) {
    foreach ($command in $Help.helpItems.command) {
        foreach ($example in $command.examples.example) {
            $printed = Get-PrintedParagraph $example
            [pscustomobject]@{
                Cmdlet  = $command.details.name
                Number  = [int][regex]::Match($example.title, 'Example (\d+)').Groups[1].Value
                Title   = $example.title.Trim(' -')
                Code    = $example.code.Replace("`r`n", "`n")
                Shown   = if ($printed) { $printed.InnerText.Replace("`r`n", "`n") }
                Element = $example
            }
        }
    }
}

function script:Get-PrintedParagraph([Xml.XmlElement] $Example) {
    $remarks = $Example['dev:remarks']
    $marker = $remarks.ChildNodes | Where-Object { $_.NodeType -eq 'Comment' -and $_.Value.Trim() -eq 'printed' }
    if ($marker) {
        $next = $marker.NextSibling
        while ($next.NodeType -ne 'Element') { $next = $next.NextSibling }
        $next
    }
}

# A fresh folder holding the staged module's examples, as a reader who copied them would have.
function script:New-ExampleFolder {
    $folder = Join-Path ([IO.Path]::GetTempPath()) "ct-help-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
    $null = New-Item -ItemType Directory $folder
    Copy-Item -Recurse (Join-Path $RepoRoot 'out/ConstraintTools/examples') $folder
    $folder
}

if (-not ('ConstraintTools.Tests.RecordingHost' -as [type])) { Add-Type -Path (Join-Path $PSScriptRoot 'RecordingHost.cs') }

# Runs the examples of one cmdlet in order, each pasted as one piece of code into the same fresh console session (a
# later example may use an earlier one's variables or files) in a fresh example folder; returns what each printed.
function script:Invoke-HelpExample([object[]] $Examples) {
    $folder = New-ExampleFolder
    $console = [ConstraintTools.Tests.RecordingHost]::new($HelpWidth)
    $session = [powershell]::Create()
    $session.Runspace = [runspacefactory]::CreateRunspace($console)
    $session.Runspace.Open()
    try {
        $null = $session.AddScript({
                param($Module, $Folder)
                Import-Module $Module -ErrorAction Stop
                Set-Location $Folder
                $answer = Get-Content -Raw examples/code-review.yaml
                ${function:global:Invoke-RestMethod} = { param($Uri, $Method, $ContentType, $Body) if (-not $Method) { $answer } }.GetNewClosure()
                function global:dot { }
            }).AddArgument((Join-Path $RepoRoot 'out/ConstraintTools/ConstraintTools.psd1')).AddArgument($folder).Invoke()
        foreach ($example in $Examples) {
            # As the console runs what is pasted: in the global scope, then Out-Default with the errors merged in. An
            # error that stops a statement lets the next one run; one that stops the code (throw) ends it, and prints.
            $session.Commands.Clear()
            $null = $session.AddScript('param($Code) . ([scriptblock]::Create($Code))', $false).AddArgument($example.Code).AddCommand('Out-Default')
            $session.Commands.Commands[0].MergeMyResults('Error', 'Output')
            try { $null = $session.Invoke() }
            catch [Management.Automation.MethodInvocationException] {
                $session.Commands.Clear()
                $null = $session.AddCommand('Out-Default').Invoke(@($_.Exception.InnerException.ErrorRecord))
            }
            [pscustomobject]@{ Example = $example; Printed = Format-HelpPrinted ($console.TakePrinted().Replace($folder, '.')) }
        }
    }
    finally {
        $session.Runspace.Dispose()
        $session.Dispose()
        Remove-Item -Recurse -Force $folder
    }
}

# Colours (the console's, which the help cannot show), trailing spaces and runs of blank lines do not count.
function script:Format-HelpPrinted([string] $Text) {
    $lines = ($Text -replace "`e\[[0-9;]*m").Replace("`r`n", "`n").Split("`n") | ForEach-Object TrimEnd
    ([regex]::Replace(($lines -join "`n"), "\n{2,}", "`n`n")).Trim("`n")
}

# Whether the printed text is what the example shows, where a line "..." in it stands for any lines.
function script:Test-HelpShown([string] $Printed, [string] $Shown) {
    $pattern = -join ((Format-HelpPrinted $Shown).Split("`n") | ForEach-Object { if ($_ -eq '...') { '(?:[^\n]*\n)*?' } else { [regex]::Escape($_) + '\n' } })
    "$Printed`n" -match "^$pattern$"
}

# The about topic's examples, in order: each PS> command (with the lines that continue it) and the lines it shows,
# which follow it indented like it, up to the next command or the prose.
function script:Get-AboutExample([string] $Path = (Join-Path $RepoRoot 'module/en-US/about_ConstraintTools.help.txt')) {
    $lines = (Get-Content -Raw $Path).Replace("`r`n", "`n").Split("`n")
    for ($i = 0; $i -lt $lines.Count;) {
        if ($lines[$i] -notmatch '^( +)PS> (.*)$') { $i++; continue }
        $indent = $Matches[1].Length; $line = $i + 1
        $code = $Matches[2]; $i++
        # Continuation lines lose the block's indent only, so that a here-string keeps its own.
        while ($i -lt $lines.Count -and (Test-IncompleteCode $code)) { $code += "`n" + ($lines[$i++] -replace "^ {0,$indent}") }
        $shown = [Collections.Generic.List[string]]::new()
        while ($i -lt $lines.Count -and $lines[$i] -notmatch '^ +PS> ' -and ($lines[$i].Trim() -eq '' -or $lines[$i] -match "^ {$indent}")) {
            $shown.Add($lines[$i++])
        }
        [pscustomobject]@{ Line = $line; Code = $code; Shown = (Format-HelpPrinted ($shown -join "`n")) }
    }
}

function script:Test-IncompleteCode([string] $Code) {
    $errors = $null
    $null = [Management.Automation.Language.Parser]::ParseInput($Code, [ref]$null, [ref]$errors)
    [bool]($errors | Where-Object IncompleteInput)
}

# The about topic wraps what a command prints to its own width, so its text and the printed text are compared word
# by word; "..." stands for any words left out.
function script:Test-AboutShown([string] $Printed, [string] $Shown) {
    $words = { param($text) @(-split $text) }
    $pattern = -join (& $words $Shown | ForEach-Object { if ($_ -eq '...') { '(?:\S+ )*?' } else { [regex]::Escape($_) + ' ' } })
    ((& $words $Printed) -join ' ') + ' ' -match "^$pattern$"
}
