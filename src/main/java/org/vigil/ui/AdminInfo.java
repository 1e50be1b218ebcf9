package org.vigil.ui;

import java.nio.file.Path;
import java.util.List;
import org.vigil.classify.ModelMetadata;

/**
 * What the admin panel shows: the alerts configuration and the model in use, with what is wrong with them.
 *
 * @param configFiles  the YAML files of the configuration, in load order
 * @param configErrors "file:line:column: message" per problem; empty when valid
 * @param model        metadata of the loaded model, or null
 * @param modelError   why no model is loaded, or null
 */
public record AdminInfo(Path configPath, List<Path> configFiles, List<String> configErrors, Path modelPath,
                        ModelMetadata model, String modelError) {
    public AdminInfo {
        configFiles = configFiles == null ? List.of() : List.copyOf(configFiles);
        configErrors = configErrors == null ? List.of() : List.copyOf(configErrors);
    }

    public static AdminInfo none() {
        return new AdminInfo(null, List.of(), List.of(), null, null, "no model loaded");
    }
}
