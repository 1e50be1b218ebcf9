package org.vigil.nursecall;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code nurse_call:} section of alerts-config/integrations.yaml, validated. Defaults are the
 * constants below and {@link Pcd04Codes#DEFAULT}; the admin's reference is alerts-config/README.md.
 *
 * @param outbox       durable queue file; null = next to the alert database ({@link #OUTBOX_FILE_NAME}), in memory when that is too
 * @param deviceId     EUI-64 of this Vigil, sent in MSH-3 and OBR-3; null = application name only
 * @param locations    Vigil bed name -> hospital location and patient
 */
public record NurseCallConfig(boolean enabled, String host, int port, boolean tls, Duration connectTimeout,
                              Duration ackTimeout, Duration retryFirst, Duration retryMax, Duration offlineAlertAfter,
                              Path outbox, String application, String deviceId, String facility,
                              String receivingApplication, String receivingFacility, Map<String, BedLocation> locations,
                              Pcd04Codes codes) {
    /** The registered MLLP port for HL7 (IANA "hl7-mllp"). */
    public static final int DEFAULT_PORT = 2575;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RETRY_FIRST = Duration.ofSeconds(1);
    public static final Duration DEFAULT_RETRY_MAX = Duration.ofSeconds(60);
    /** A message undelivered this long raises the technical alert "nurse-call-offline" on the dashboard. */
    public static final Duration DEFAULT_OFFLINE_ALERT_AFTER = Duration.ofSeconds(30);
    public static final String DEFAULT_APPLICATION = "VIGIL";
    public static final String OUTBOX_FILE_NAME = "nursecall-outbox.db";

    public static final NurseCallConfig OFF = new NurseCallConfig(false, null, DEFAULT_PORT, false, DEFAULT_CONNECT_TIMEOUT,
            DEFAULT_ACK_TIMEOUT, DEFAULT_RETRY_FIRST, DEFAULT_RETRY_MAX, DEFAULT_OFFLINE_ALERT_AFTER, null,
            DEFAULT_APPLICATION, null, null, null, null, Map.of(), Pcd04Codes.DEFAULT);

    public NurseCallConfig {
        locations = Map.copyOf(locations);
    }

    public BedLocation location(String bed) {
        BedLocation l = locations.get(bed);
        return l != null ? l : BedLocation.unmapped(bed);
    }

    /** Where the outbox lives: the configured file, else next to the alert database, else memory (null). */
    public Path outboxFile(Path alertDb) {
        if (outbox != null) return outbox;
        return alertDb == null ? null : alertDb.toAbsolutePath().resolveSibling(OUTBOX_FILE_NAME);
    }

    /** A copy aimed at another receiver (tests, the listen command's loopback). */
    public NurseCallConfig withTarget(String host, int port) {
        return new NurseCallConfig(true, host, port, tls, connectTimeout, ackTimeout, retryFirst, retryMax, offlineAlertAfter,
                outbox, application, deviceId, facility, receivingApplication, receivingFacility, locations, codes);
    }

    public NurseCallConfig withTiming(Duration retryFirst, Duration retryMax, Duration offlineAlertAfter) {
        return new NurseCallConfig(enabled, host, port, tls, connectTimeout, ackTimeout, retryFirst, retryMax, offlineAlertAfter,
                outbox, application, deviceId, facility, receivingApplication, receivingFacility, locations, codes);
    }
}
