package dev.dfd.train.data;

import java.util.Locale;

/** Whether a video is genuine or manipulated; {@link #FAKE} is the positive class (1). */
public enum Label {
    /** A genuine video, class 0. */
    REAL,
    /** A manipulated video, class 1. */
    FAKE;

    /** The class number: 0 for real, 1 for fake. */
    public int value() {
        return this == FAKE ? 1 : 0;
    }

    /**
     * Parses {@code REAL}/{@code FAKE} (any case) or {@code 0}/{@code 1}.
     *
     * @param text the label as written in a metadata file or CSV
     * @return the label
     * @throws IllegalArgumentException if the text is none of these
     */
    public static Label parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        return switch (t) {
            case "REAL", "0" -> REAL;
            case "FAKE", "1" -> FAKE;
            default ->
                    throw new IllegalArgumentException(
                            "label must be REAL, FAKE, 0 or 1, got '" + text + "'");
        };
    }
}
