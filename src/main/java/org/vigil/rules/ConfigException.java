package org.vigil.rules;

import java.util.List;
import java.util.stream.Collectors;

/** An alerts config that cannot be used; carries every error found, each with file, line and column. */
public class ConfigException extends Exception {
    private final List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        super(errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() {
        return errors;
    }
}
