package org.vigil.pipeline;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.vigil.alerts.AlertEvent;

/** Keeps every event a pipeline publishes, for assertions. */
final class RecordingListener implements PipelineListener {
    final List<BedStatus> statuses = new CopyOnWriteArrayList<>();
    final List<AlertEvent> alerts = new CopyOnWriteArrayList<>();
    final List<String[]> sources = new CopyOnWriteArrayList<>();

    @Override
    public void onStatus(BedStatus status) {
        statuses.add(status);
    }

    @Override
    public void onAlert(AlertEvent event) {
        alerts.add(event);
    }

    @Override
    public void onSourceState(String bed, org.vigil.capture.SourceState state, String detail) {
        sources.add(new String[] {bed, state.wire(), detail});
    }

    List<BedStatus> of(String bed) {
        return statuses.stream().filter(s -> s.bed().equals(bed)).toList();
    }
}
