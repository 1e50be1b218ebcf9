package org.vigil.alerts;

/** The lifecycle steps of an alert; each is one event and one row in the durable log. */
public enum AlertTransition { RAISED, ESCALATED, ACKNOWLEDGED, RESOLVED }
