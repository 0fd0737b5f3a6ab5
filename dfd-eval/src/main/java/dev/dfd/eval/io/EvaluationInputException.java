package dev.dfd.eval.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Predictions or labels that cannot be evaluated: a malformed or empty file, a probability outside
 * [0, 1], an unknown label, or file names that the predictions and the labels do not share. The
 * message names the file and, where there is one, the line.
 */
public class EvaluationInputException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, for a person, naming the file
     */
    public EvaluationInputException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what is wrong, for a person, naming the file
     * @param cause the underlying error
     */
    public EvaluationInputException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * An error at one line of a file, written {@code file:line: detail}.
     *
     * @param file the file
     * @param line the line number, from 1
     * @param detail what is wrong
     * @return the exception
     */
    static EvaluationInputException atLine(Path file, long line, String detail) {
        return new EvaluationInputException(file + ":" + line + ": " + detail);
    }
}
