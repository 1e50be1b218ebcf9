package org.vigil.nursecall;

/** alerts-config/integrations.yaml, validated: the systems Vigil reports alerts to. Off by default. */
public record IntegrationsConfig(NurseCallConfig nurseCall) {
    public static final String FILE_NAME = "integrations.yaml"; // listed in ConfigLoader.NOT_RULES
    public static final IntegrationsConfig NONE = new IntegrationsConfig(NurseCallConfig.OFF);
}
