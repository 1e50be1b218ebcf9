package org.vigil.train;

import java.util.Locale;

/** The networks Vigil can train. Both are built in SameDiff (see {@link NetworkBuilder}). */
public enum Architecture {
    /** VGG-style: conv-BN-ReLU pairs at 32/64/128 channels, one 256 conv, global average pooling. */
    COMPACT,
    /** ResNet-style: residual blocks of two 3x3 convs at 32/64/128/256 channels. */
    RESNET,
    /**
     * The ResNet without its first block (the one at full 48x48 resolution, a third of its
     * multiply-adds): about the compact network's cost per face. Its other layers have the
     * ResNet's names and shapes, so it starts from a trained ResNet ({@code --init-from}).
     */
    RESNET_LITE;

    public static Architecture parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown architecture '" + s + "', choose compact, resnet or resnet-lite");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
