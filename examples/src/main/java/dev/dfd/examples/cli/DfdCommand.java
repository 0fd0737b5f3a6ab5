package dev.dfd.examples.cli;

import dev.dfd.core.system.NativeAllocator;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code dfd} command-line program: one subcommand per job of the SDK.
 *
 * <p>Errors in the arguments or the input print one line on standard error and exit with a non-zero
 * status, never a stack trace ({@code -Ddfd.debug=true} shows it).
 */
@Command(
        name = "dfd",
        mixinStandardHelpOptions = true,
        version = "dfd 0.1.0",
        description = "Deepfake detection in video.",
        subcommands = {
            CommandLine.HelpCommand.class,
            AugmentCommand.class,
            DetectCommand.class,
            EvaluateCommand.class,
            ExtractCommand.class,
            FacesCommand.class,
            ProbeCommand.class,
            RunModelCommand.class,
            TrainCommand.class
        })
public final class DfdCommand implements Runnable {
    /** Exit status for bad arguments. */
    public static final int EXIT_USAGE = 2;

    /** Exit status for input that could not be processed. */
    public static final int EXIT_FAILURE = 1;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /**
     * Builds the command line with its error handlers, for {@link #main} and for tests.
     *
     * @param out where normal output goes
     * @param err where errors go
     * @return the configured command line
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new DfdCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler(
                (ex, args) -> {
                    ex.getCommandLine().getErr().println("dfd: " + ex.getMessage());
                    ex.getCommandLine()
                            .getErr()
                            .println("Try 'dfd " + commandPath(ex.getCommandLine()) + "--help'.");
                    return EXIT_USAGE;
                });
        cli.setExecutionExceptionHandler(
                (ex, commandLine, parseResult) -> {
                    if (Boolean.getBoolean("dfd.debug")) {
                        ex.printStackTrace(commandLine.getErr());
                    }
                    commandLine.getErr().println("dfd: " + describe(ex));
                    return ex instanceof IllegalArgumentException ? EXIT_USAGE : EXIT_FAILURE;
                });
        return cli;
    }

    private static String commandPath(CommandLine cl) {
        String name = cl.getCommandSpec().qualifiedName(" ");
        String sub = name.startsWith("dfd") ? name.substring(3).trim() : name;
        return sub.isEmpty() ? "" : sub + " ";
    }

    /** A one-line description of an error, without a stack trace. */
    static String describe(Throwable ex) {
        while ((ex instanceof java.io.UncheckedIOException
                        || ex instanceof java.util.concurrent.ExecutionException)
                && ex.getCause() != null) {
            ex = ex.getCause();
        }
        String msg = ex.getMessage();
        if (msg == null || msg.isBlank()) {
            msg = ex.getClass().getSimpleName();
        }
        return msg.replace('\n', ' ');
    }

    /**
     * Runs the program.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        // DJL warns on every start of a machine without a usable CUDA driver; that is the normal
        // case for a CPU build and not worth a line on every run.
        String cuda = "org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils";
        if (System.getProperty(cuda) == null) {
            System.setProperty(cuda, "error");
        }
        // Inference allocates and frees large tensors all the time; keeping freed memory saves the
        // page faults that otherwise cost up to a third of a forward pass (docs/benchmarks.md).
        NativeAllocator.retainFreedMemory();
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int status = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(status);
    }
}
