package dev.dfd.eval.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The two-column CSV shared by DFDC submissions and label files: a header {@code filename,label}
 * then one {@code name,value} row a line. Blank lines are skipped; a field may be wrapped in double
 * quotes, but a quoted field may not contain a comma or a quote (DFDC file names never do).
 * Package-private.
 */
final class FilenameCsv {
    /** One data row. */
    record Row(long line, String filename, String value) {}

    private FilenameCsv() {}

    /** Reads and checks the rows; file names must be unique and non-empty. */
    static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new EvaluationInputException(
                        file + ": empty file, expected the header filename,label");
            }
            if (header.startsWith("\uFEFF")) {
                header = header.substring(1);
            }
            String[] names = split(header);
            if (names.length != 2
                    || !names[0].toLowerCase(Locale.ROOT).equals("filename")
                    || !names[1].toLowerCase(Locale.ROOT).equals("label")) {
                throw EvaluationInputException.atLine(
                        file, 1, "expected the header filename,label but found '" + header + "'");
            }
            long lineNumber = 1;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = split(line);
                if (fields.length != 2) {
                    throw EvaluationInputException.atLine(
                            file,
                            lineNumber,
                            "expected 2 fields filename,label but found "
                                    + fields.length
                                    + " in '"
                                    + line
                                    + "'");
                }
                if (fields[0].isEmpty()) {
                    throw EvaluationInputException.atLine(file, lineNumber, "empty file name");
                }
                Long previous = seen.putIfAbsent(fields[0], lineNumber);
                if (previous != null) {
                    throw EvaluationInputException.atLine(
                            file,
                            lineNumber,
                            "file name '" + fields[0] + "' repeats line " + previous);
                }
                rows.add(new Row(lineNumber, fields[0], fields[1]));
            }
        } catch (NoSuchFileException e) {
            throw new EvaluationInputException(file + ": no such file", e);
        } catch (CharacterCodingException e) {
            throw new EvaluationInputException(file + ": not UTF-8 text", e);
        }
        if (rows.isEmpty()) {
            throw new EvaluationInputException(file + ": no rows after the header");
        }
        return rows;
    }

    private static String[] split(String line) {
        String[] fields = line.split(",", -1);
        for (int i = 0; i < fields.length; i++) {
            String f = fields[i].strip();
            if (f.length() >= 2 && f.startsWith("\"") && f.endsWith("\"")) {
                f = f.substring(1, f.length() - 1).strip();
            }
            fields[i] = f;
        }
        return fields;
    }
}
