package org.vigil.alerts;

public enum AlertPriority { LOW, MEDIUM, HIGH }
