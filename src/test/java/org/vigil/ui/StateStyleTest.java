package org.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vigil.pipeline.BedState;

class StateStyleTest {
    @Test
    void durations_read_naturally() {
        assertThat(StateStyle.duration(42.4)).isEqualTo("42 s");
        assertThat(StateStyle.duration(95)).isEqualTo("1 min 35 s");
        assertThat(StateStyle.duration(1260)).isEqualTo("21 min");
        assertThat(StateStyle.duration(3900)).isEqualTo("1 h 05 min");
        assertThat(StateStyle.duration(Double.NaN)).isEmpty();
    }

    @Test
    void every_state_has_its_own_colour_and_words() {
        var colours = new java.util.HashSet<java.awt.Color>();
        var labels = new java.util.HashSet<String>();
        for (BedState s : BedState.values()) {
            colours.add(StateStyle.colour(s));
            labels.add(StateStyle.label(s));
        }
        assertThat(colours).hasSize(BedState.values().length);
        assertThat(labels).hasSize(BedState.values().length);
    }
}
