package org.vigil.rules;

import java.util.Map;

/**
 * Per-bed settings: rule overrides and the baseline (null = use the default baseline setting).
 *
 * @param rules rule id -> field -> typed value
 */
public record BedConfig(String bed, Map<String, Map<String, Object>> rules, BaselineConfig baseline) {
    public BedConfig {
        rules = Map.copyOf(rules);
    }
}
