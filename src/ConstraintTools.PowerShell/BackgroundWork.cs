using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace ConstraintTools.PowerShell
{
    /// <summary>
    /// Runs long work on a worker thread while the pipeline thread reports its progress, because a
    /// cmdlet may write progress only from the pipeline thread. Cancelling stays with the caller's token,
    /// which the cmdlet's StopProcessing cancels.
    /// </summary>
    internal static class BackgroundWork
    {
        private static readonly TimeSpan ProgressEvery = TimeSpan.FromMilliseconds(200);

        /// <param name="work">The work; it reports how many of <paramref name="total"/> units are done.</param>
        /// <param name="status">The progress line for a number of units done.</param>
        /// <returns>The work's result; its exception, if any, is rethrown as it was, but for a cancellation while the pipeline stops.</returns>
        /// <exception cref="PipelineStoppedException">The pipeline is stopping and the work was cancelled.</exception>
        public static T Run<T>(Cmdlet cmdlet, ProgressRecord progress, int total, Func<int, string> status, Func<Action<int>, T> work)
        {
            var done = 0;
            var run = Task.Run(() => work(units => Volatile.Write(ref done, units)));
            var shown = false;
            while (!((IAsyncResult)run).AsyncWaitHandle.WaitOne(ProgressEvery))
            {
                var units = Volatile.Read(ref done);
                progress.PercentComplete = (int)(100L * units / total);
                progress.StatusDescription = status(units);
                cmdlet.WriteProgress(progress);
                shown = true;
            }
            if (shown)
            {
                progress.RecordType = ProgressRecordType.Completed;
                cmdlet.WriteProgress(progress);
            }
            try
            {
                return run.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (cmdlet.Stopping)
            {
                // The command must end, not only this piece of its work: a cmdlet given many inputs at once
                // would otherwise go on to the next one, cancelled at once, and the next, for all of them.
                throw new PipelineStoppedException();
            }
        }
    }
}
