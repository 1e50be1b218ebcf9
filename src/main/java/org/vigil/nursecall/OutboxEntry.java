package org.vigil.nursecall;

import java.time.Instant;

/** One queued PCD-04 message: the exact bytes to send and what they are about. */
public record OutboxEntry(long seq, String alertId, String bed, String kind, AlertPhase phase, double t,
                          String controlId, String hl7, Instant queuedAt, int attempts) {}
