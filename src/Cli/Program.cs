using System.Runtime.InteropServices;
using Shipgate.Cli;

// Ctrl-C and SIGTERM cancel the verification; it ends with what it measured (exit 2), never a crash.
using var cancel = new CancellationTokenSource();
void Interrupt(PosixSignalContext context)
{
    context.Cancel = true;
    cancel.Cancel();
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
return await ShipgateCli.RunAsync(args, Console.Out, Console.Error, cancel.Token).ConfigureAwait(false);
