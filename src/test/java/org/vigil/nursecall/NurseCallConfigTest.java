package org.vigil.nursecall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.vigil.rules.ConfigError;
import org.vigil.rules.ConfigException;
import org.vigil.rules.ConfigLoader;

class NurseCallConfigTest {
    @Test
    void theShippedFileIsValidAndOff() throws Exception {
        NurseCallConfig c = IntegrationsConfigLoader.load(Path.of("alerts-config")).nurseCall();
        assertThat(c.enabled()).isFalse();
        assertThat(c.codes()).isEqualTo(Pcd04Codes.DEFAULT);
        assertThat(c.port()).isEqualTo(NurseCallConfig.DEFAULT_PORT);
        // ...and the rules loader leaves it alone.
        assertThat(ConfigLoader.loadDirectory(Path.of("alerts-config")).rules()).isNotEmpty();
    }

    @Test
    void aFolderWithoutTheFileHasNoIntegrations(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assertThat(IntegrationsConfigLoader.load(dir)).isEqualTo(IntegrationsConfig.NONE);
    }

    @Test
    void valuesAndDefaults() throws Exception {
        NurseCallConfig c = IntegrationsConfigLoader.parse("i.yaml", """
                nurse_call:
                  enabled: true
                  host: nursecall.hospital.local
                  ack_timeout: 500ms
                  retry: {max: 2m}
                  locations:
                    bed-1: {ward: W3, room: "301", bed: "1"}
                  codes:
                    events: {distress: D1^Distress^99X}
                """).nurseCall();
        assertThat(c.host()).isEqualTo("nursecall.hospital.local");
        assertThat(c.port()).isEqualTo(NurseCallConfig.DEFAULT_PORT);
        assertThat(c.ackTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.retryFirst()).isEqualTo(NurseCallConfig.DEFAULT_RETRY_FIRST);
        assertThat(c.retryMax()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.location("bed-1")).isEqualTo(new BedLocation("W3", "301", "1", null, null, null, null));
        assertThat(c.location("bed-9")).isEqualTo(BedLocation.unmapped("bed-9"));
        assertThat(c.codes().event("distress")).isEqualTo(HL7Code.parse("D1^Distress^99X"));
        assertThat(c.codes().event("camera-offline")).isEqualTo(Pcd04Codes.DEFAULT.event("camera-offline"));
        assertThat(c.codes().phase()).isEqualTo(Pcd04Codes.DEFAULT.phase());
        assertThat(c.outboxFile(null)).isNull();
        assertThat(c.outboxFile(Path.of("/x/var/alerts.db"))).isEqualTo(Path.of("/x/var/" + NurseCallConfig.OUTBOX_FILE_NAME));
    }

    @Test
    void everyErrorIsReportedWithFileLineAndColumn() {
        ConfigException e = catchThrowableOfType(() -> IntegrationsConfigLoader.parse("integrations.yaml", """
                version: 1
                nurse_call:
                  enabled: yes please
                  port: 0
                  ack_timeout: soon
                  sender: {application: "VI|GIL"}
                  codes:
                    type: 68485^MDC_ATTR_ALERT_TYPE
                  colour: red
                """), ConfigException.class);
        assertThat(e.errors()).extracting(ConfigError::toString).containsExactly(
                "integrations.yaml:3:12: 'enabled' must be true or false, got 'yes please'",
                "integrations.yaml:4:9: 'port' must be a whole number from 1 to 65535, got 0",
                "integrations.yaml:5:16: 'ack_timeout' must be a duration such as 500ms, 10s, 2m, got 'soon'",
                "integrations.yaml:6:25: 'sender.application' must not contain HL7 delimiters | ^ ~ \\ &",
                "integrations.yaml:8:11: 'codes.type': a code is written identifier^text^system (e.g. 68481^MDC_ATTR_EVENT_PHASE^MDC), got '68485^MDC_ATTR_ALERT_TYPE'",
                "integrations.yaml:9:3: unknown key 'colour' in nurse_call (expected one of: ack_timeout, codes, connect_timeout, enabled, host, "
                        + "locations, offline_alert_after, outbox, port, receiver, retry, sender, tls)");
    }

    @Test
    void enabledWithoutHostIsAnError() {
        ConfigException e = catchThrowableOfType(() -> IntegrationsConfigLoader.parse("i.yaml", "nurse_call:\n  enabled: true\n"),
                ConfigException.class);
        assertThat(e.errors()).extracting(ConfigError::toString).containsExactly(
                "i.yaml:2:12: nurse_call is enabled but has no 'host' (the Alert Manager's address)");
    }
}
