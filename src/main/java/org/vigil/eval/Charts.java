package org.vigil.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG charts for ML engineers: confusion heat map, reliability diagram and learning curves. */
public final class Charts {
    private Charts() {}

    public static void confusion(ConfusionMatrix cm, String title, Path png) {
        List<String> labels = cm.labels();
        HeatMapChart chart = new HeatMapChartBuilder().width(640).height(560).title(title)
                .xAxisTitle("predicted").yAxisTitle("true").build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setRangeColors(new java.awt.Color[] {new java.awt.Color(247, 251, 255),
                new java.awt.Color(107, 174, 214), new java.awt.Color(8, 48, 107)});
        chart.getStyler().setLegendVisible(false);
        double[][] n = cm.normalised();
        List<Number[]> cells = new ArrayList<>();
        for (int t = 0; t < labels.size(); t++) {
            for (int p = 0; p < labels.size(); p++) {
                // y runs bottom-up in XChart: put the first class at the top, as in printed matrices.
                cells.add(new Number[] {p, labels.size() - 1 - t, Math.round(n[t][p] * 100) / 100.0});
            }
        }
        List<String> yLabels = new ArrayList<>(labels);
        java.util.Collections.reverse(yLabels);
        chart.addSeries("confusion", labels, yLabels, cells);
        save(chart, png);
    }

    /**
     * Reliability diagram: accuracy against mean confidence per non-empty bin, the diagonal a
     * perfectly calibrated model would follow, and how many faces fell in each bin (right axis).
     */
    public static void reliability(ReliabilityBins r, String title, Path png) {
        XYChart chart = new XYChartBuilder().width(640).height(560).title(title)
                .xAxisTitle("confidence (probability of the predicted class)").yAxisTitle("accuracy").build();
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0);
        chart.getStyler().setYAxisMin(0, 0.0).setYAxisMax(0, 1.0);
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.setYAxisGroupTitle(1, "faces per bin");
        int bins = r.bins();
        List<Double> edges = new ArrayList<>(), counts = new ArrayList<>();
        for (int b = 0; b <= bins; b++) {
            edges.add(b == bins ? 1.0 : r.lowerEdge(b));
            counts.add((double) r.count(Math.min(b, bins - 1))); // the last edge closes the last bin's step
        }
        XYSeries n = chart.addSeries("faces per bin", edges, counts);
        n.setYAxisGroup(1);
        n.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        n.setMarker(SeriesMarkers.NONE);
        n.setFillColor(new Color(160, 160, 160, 90));
        n.setLineColor(new Color(120, 120, 120));
        XYSeries diagonal = chart.addSeries("perfectly calibrated", List.of(0.0, 1.0), List.of(0.0, 1.0));
        diagonal.setMarker(SeriesMarkers.NONE);
        diagonal.setLineColor(Color.DARK_GRAY);
        diagonal.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        List<Double> conf = new ArrayList<>(), acc = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            if (r.count(b) == 0) continue;
            conf.add(r.confidence(b));
            acc.add(r.accuracy(b));
        }
        if (!conf.isEmpty()) {
            XYSeries a = chart.addSeries("accuracy per bin", conf, acc);
            a.setMarker(SeriesMarkers.CIRCLE);
            a.setLineColor(new Color(8, 81, 156));
            a.setMarkerColor(new Color(8, 81, 156));
        }
        save(chart, png);
    }

    /** Learning curves from a training log ({@link TrainingLog}). */
    public static void learningCurves(Path csv, Path png) {
        List<TrainingLog.Epoch> log = TrainingLog.read(csv);
        List<Double> epoch = log.stream().map(e -> (double) e.epoch()).toList();
        List<Double> trainLoss = log.stream().map(TrainingLog.Epoch::trainLoss).toList();
        List<Double> valLoss = log.stream().map(TrainingLog.Epoch::valLoss).toList();
        List<Double> valAcc = log.stream().map(TrainingLog.Epoch::valAccuracy).toList();
        List<Double> trainAcc = log.stream().map(TrainingLog.Epoch::trainAccuracy).toList();
        if (epoch.isEmpty()) return;
        XYChart chart = new XYChartBuilder().width(800).height(480).title("Learning curves").xAxisTitle("epoch").build();
        chart.addSeries("train loss", epoch, trainLoss).setMarker(SeriesMarkers.NONE);
        chart.addSeries("val loss", epoch, valLoss).setMarker(SeriesMarkers.NONE);
        chart.addSeries("train accuracy", epoch, trainAcc).setMarker(SeriesMarkers.NONE);
        chart.addSeries("val accuracy", epoch, valAcc).setMarker(SeriesMarkers.CIRCLE);
        save(chart, png);
    }

    private static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path png) {
        try {
            Path dir = png.toAbsolutePath().getParent();
            if (dir != null) Files.createDirectories(dir);
            BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
