using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace ConstraintTools.PowerShell
{
    /// <summary>
    /// Runs long work on a worker thread while the pipeline thread reports its progress, because a
    /// cmdlet may write progress only from the pipeline thread. Cancelling stays with the caller's token.
    /// </summary>
    internal static class BackgroundWork
    {
        private static readonly TimeSpan ProgressEvery = TimeSpan.FromMilliseconds(200);

        /// <param name="work">The work; it reports how many of <paramref name="total"/> units are done.</param>
        /// <param name="status">The progress line for a number of units done.</param>
        /// <returns>The work's result; its exception, if any, is rethrown as it was.</returns>
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
            return run.GetAwaiter().GetResult();
        }
    }
}
