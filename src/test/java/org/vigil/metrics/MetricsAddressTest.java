package org.vigil.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.vigil.base.Defaults;

class MetricsAddressTest {
    @Test
    void aPortAloneListensOnThisMachineOnly() {
        assertThat(MetricsAddress.parse("9100")).isEqualTo(new MetricsAddress(Defaults.METRICS_HOST, 9100));
        assertThat(MetricsAddress.parse("0").port()).isZero();
        assertThat(MetricsAddress.defaults()).isEqualTo(new MetricsAddress("127.0.0.1", Defaults.METRICS_PORT));
    }

    @Test
    void hostAndPort() {
        assertThat(MetricsAddress.parse("0.0.0.0:9464")).isEqualTo(new MetricsAddress("0.0.0.0", 9464));
        assertThat(MetricsAddress.parse("monitor-3.ward:9000")).isEqualTo(new MetricsAddress("monitor-3.ward", 9000));
        assertThat(MetricsAddress.parse("[::1]:9464")).isEqualTo(new MetricsAddress("::1", 9464));
        assertThat(MetricsAddress.parse("[::1]:9464").toString()).isEqualTo("[::1]:9464");
    }

    @Test
    void wrongValuesAreNamedInTheError() {
        for (String bad : new String[] {"abc", "70000", "-1", ":9464", "localhost:", "host:port", "::1:9464", ""}) {
            assertThatThrownBy(() -> MetricsAddress.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--metrics '" + bad + "'")
                    .hasMessageContaining("PORT or HOST:PORT");
        }
        assertThatThrownBy(() -> MetricsAddress.parse("70000")).hasMessageContaining("port 70000 is not in 0-65535");
    }
}
