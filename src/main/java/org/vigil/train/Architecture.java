package org.vigil.train;

import java.util.Locale;

/** The networks Vigil can train. Both are built in SameDiff (see {@link NetworkBuilder}). */
public enum Architecture {
    /** VGG-style: conv-BN-ReLU pairs at 32/64/128 channels, one 256 conv, global average pooling. */
    COMPACT,
    /** ResNet-style: residual blocks of two 3x3 convs at 32/64/128/256 channels. */
    RESNET;

    public static Architecture parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown architecture '" + s + "', choose compact or resnet");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
