package org.vigil.rules;

import org.vigil.alerts.AlertPriority;

/**
 * One escalation level: when an alert is still unacknowledged {@code after} seconds after it was
 * raised, notify {@code to} and (optionally) raise its priority.
 *
 * @param priority the new priority, or null to keep the current one
 */
public record EscalationStep(double after, String to, AlertPriority priority) {}
