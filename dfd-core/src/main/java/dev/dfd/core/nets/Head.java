package dev.dfd.core.nets;

import java.util.Locale;

/** What sits on top of a network's pooled features. */
public enum Head {
    /** timm's own classifier: a linear layer to the 1000 ImageNet classes. */
    IMAGENET,
    /**
     * The DFDC winner's {@code DeepFakeClassifier}: the complete timm model as {@code encoder.}
     * (its unused classifier included), then average pooling, dropout and a linear layer {@code fc}
     * to one logit.
     */
    DFDC,
    /** No head: the output is the pooled features (timm's classifier is kept but not used). */
    NONE;

    /**
     * Parses a head name, case-insensitively.
     *
     * @param name {@code imagenet}, {@code dfdc} or {@code none}
     * @return the head
     * @throws IllegalArgumentException if the name is none of these
     */
    public static Head parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown head '" + name + "' (known: imagenet, dfdc, none)", e);
        }
    }
}
