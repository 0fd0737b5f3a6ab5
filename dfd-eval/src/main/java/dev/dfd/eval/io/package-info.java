/**
 * Readers of the files an evaluation starts from: a DFDC submission CSV of probabilities, labels
 * from a DFDC {@code metadata.json} or a {@code filename,label} CSV, and the matching of the two by
 * file name. Bad files raise {@link dev.dfd.eval.io.EvaluationInputException} naming the file and,
 * where there is one, the line.
 */
package dev.dfd.eval.io;
