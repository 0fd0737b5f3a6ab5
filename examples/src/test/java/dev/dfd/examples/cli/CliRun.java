package dev.dfd.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Runs the {@code dfd} program in-process and captures what it prints, for tests.
 *
 * @param status the exit status
 * @param out standard output
 * @param err standard error
 */
record CliRun(int status, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status =
                DfdCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                        .execute(args);
        return new CliRun(status, out.toString(), err.toString());
    }
}
