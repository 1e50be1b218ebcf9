package org.vigil.ui;

import org.vigil.pipeline.PipelineListener;

/**
 * What the dashboard needs from whatever watches the beds: start (or switch) a bed's source and stop
 * everything. Events come back through {@link PipelineListener} on the backend's own threads.
 */
public interface MonitorBackend extends AutoCloseable {
    /** Start monitoring {@code bed} from {@code source} (file path, camera:N or URL), replacing any running source. */
    void start(String bed, String source, PipelineListener listener);

    /** Start several beds at once (a ward opening); backends that restart on each start do it once here. */
    default void startAll(java.util.Map<String, String> bedSources, PipelineListener listener) {
        bedSources.forEach((bed, source) -> start(bed, source, listener));
    }

    @Override
    void close();
}
