<#
.SYNOPSIS
Writes into the help what each example prints now, as HelpExamples.Tests.ps1 runs it.

.DESCRIPTION
After a change to a view, a figure or an example's code, run this, read the diff, and commit it with the change:

    dotnet build; dotnet pwsh tests/Pester/Update-HelpExampleOutput.ps1; git diff module/en-US

An example whose printed paragraph holds a "..." line (lines left out on purpose) and no longer matches is kept as it
is and named in a warning. An example that prints nothing loses its printed paragraph.
#>
$ErrorActionPreference = 'Stop'
. $PSScriptRoot/Common.ps1
. $PSScriptRoot/HelpExamples.ps1
$help = Read-Help
foreach ($group in Get-HelpExample $help | Group-Object Cmdlet) {
    foreach ($run in Invoke-HelpExample $group.Group) {
        $example = $run.Example
        $remarks = $example.Element['dev:remarks']
        $paragraph = Get-PrintedParagraph $example.Element
        if (-not $run.Printed) {
            if ($paragraph) {
                $marker = $paragraph.PreviousSibling.PreviousSibling
                foreach ($node in @($marker.PreviousSibling, $marker, $paragraph.PreviousSibling, $paragraph)) { $null = $remarks.RemoveChild($node) }
            }
            continue
        }
        if ($paragraph -and (Test-HelpShown $run.Printed $example.Shown)) { continue }
        if ($paragraph -and $example.Shown.Split("`n") -contains '...') { Write-Warning "kept, it leaves lines out: $($example.Cmdlet) $($example.Number)"; continue }
        if (-not $paragraph) {
            # Indented as the file is: the comment and the paragraph, before the empty paragraph that ends every example's
            # remarks (Get-Help prints it as the blank line before the next example).
            $last = $remarks.LastChild
            if ($last.PreviousSibling.LocalName -eq 'para' -and -not $last.PreviousSibling.InnerText) { $last = $last.PreviousSibling.PreviousSibling }
            $null = $remarks.InsertBefore($help.CreateWhitespace("`n          "), $last)
            $null = $remarks.InsertBefore($help.CreateComment(' printed '), $last)
            $null = $remarks.InsertBefore($help.CreateWhitespace("`n          "), $last)
            $paragraph = $remarks.InsertBefore($help.CreateElement('maml', 'para', 'http://schemas.microsoft.com/maml/2004/10'), $last)
        }
        $paragraph.InnerText = $run.Printed
    }
}
$settings = [Xml.XmlWriterSettings]@{ Encoding = [Text.UTF8Encoding]::new($false) }
$text = [IO.StringWriter]::new()
$writer = [Xml.XmlWriter]::Create($text, $settings)
$help.Save($writer); $writer.Dispose()
# XmlWriter escapes every '>' in text; the file writes them plainly, as in 'before -> after'.
[IO.File]::WriteAllText($HelpPath, $text.ToString().Replace('&gt;', '>').Replace('encoding="utf-16"', 'encoding="utf-8"').TrimEnd() + "`n")
