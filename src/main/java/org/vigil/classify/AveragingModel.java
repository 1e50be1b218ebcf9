package org.vigil.classify;

import java.util.List;

/**
 * An ensemble: the mean of several models' probabilities for each face. Each member applies its own
 * temperature and prior shift, so the ensemble's metadata carries neither (temperature 1). Members
 * must answer the same classes in the same order, on the same input size.
 */
public final class AveragingModel implements EmotionModel {
    private final List<EmotionModel> members;
    private final ModelMetadata metadata;

    public AveragingModel(List<EmotionModel> members) {
        if (members.isEmpty()) throw new IllegalArgumentException("an ensemble needs at least one model");
        this.members = List.copyOf(members);
        ModelMetadata first = members.get(0).metadata();
        StringBuilder name = new StringBuilder("mean(" + first.name());
        for (EmotionModel m : members.subList(1, members.size())) {
            ModelMetadata md = m.metadata();
            if (!md.labels().equals(first.labels())) {
                throw new IllegalArgumentException("ensemble members answer different classes: " + first.name() + " "
                        + first.labels() + ", " + md.name() + " " + md.labels());
            }
            if (md.inputHeight() != first.inputHeight() || md.inputWidth() != first.inputWidth()) {
                throw new IllegalArgumentException("ensemble members take different input sizes: " + first.name() + " "
                        + first.inputHeight() + "x" + first.inputWidth() + ", " + md.name() + " " + md.inputHeight() + "x" + md.inputWidth());
            }
            name.append(" + ").append(md.name());
        }
        this.metadata = first.withName(name.append(')').toString()).withTemperature(1.0).withPriorShift(java.util.Map.of());
    }

    @Override
    public ModelMetadata metadata() {
        return metadata;
    }

    @Override
    public float[][] predict(List<byte[]> faces) {
        float[][] sum = null;
        for (EmotionModel m : members) {
            float[][] p = m.predict(faces);
            if (sum == null) {
                sum = new float[p.length][p.length == 0 ? 0 : p[0].length];
            }
            for (int i = 0; i < p.length; i++) for (int k = 0; k < p[i].length; k++) sum[i][k] += p[i][k] / members.size();
        }
        return sum;
    }

    /** Closes every member. */
    @Override
    public void close() {
        for (EmotionModel m : members) m.close();
    }
}
