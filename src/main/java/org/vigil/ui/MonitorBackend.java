package org.vigil.ui;

import org.vigil.pipeline.PipelineListener;

/**
 * What the dashboard needs from whatever watches the beds: start (or switch) a bed's source and stop
 * everything. Events come back through {@link PipelineListener} on the backend's own threads.
 */
public interface MonitorBackend extends AutoCloseable {
    /** Start monitoring {@code bed} from {@code source} (file path, camera:N or URL), replacing any running source. */
    void start(String bed, String source, PipelineListener listener);

    @Override
    void close();
}
