package org.vigil.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The soak's PNG: memory, threads and descriptors, fps and decision p99 (and the dashboard's figures) against minutes. */
final class SoakChart {
    private SoakChart() {}

    static void write(List<SoakSample> s, double warmupS, String title, Path png) throws IOException {
        XYChart mem = chart(title + ": memory (MB); grey line = end of warm-up", "MB");
        add(mem, s, "RSS (right axis)", SoakSample::rssMb, 1);
        add(mem, s, "heap after full GC", SoakSample::heapAfterGcMb, 0);
        add(mem, s, "off-heap after full GC (JavaCPP)", SoakSample::offHeapAfterGcMb, 0);
        add(mem, s, "JavaCPP", SoakSample::javacppMb, 0);
        mem.setYAxisGroupTitle(1, "RSS MB");
        mem.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        warmup(mem, s, warmupS, SoakSample::heapUsedMb);
        XYChart res = chart("threads and open file descriptors", "count");
        add(res, s, "threads", x -> x.threads(), 0);
        add(res, s, "open fds", x -> x.fds(), 0);
        XYChart perf = chart("fps per bed and decision p99 over each interval", "fps");
        add(perf, s, "fps per bed", SoakSample::fps, 0);
        add(perf, s, "decision p99 ms (right axis)", SoakSample::decisionP99Ms, 1);
        add(perf, s, "GC pause ms per interval (right axis)", SoakSample::gcPauseMs, 1);
        perf.setYAxisGroupTitle(1, "ms");
        perf.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        List<XYChart> charts = new java.util.ArrayList<>(List.of(mem, res, perf));
        if (s.stream().anyMatch(SoakSample::dashboard)) {
            XYChart ui = chart("dashboard: Swing thread and frame-to-screen p99 over each interval", "% of one core");
            add(ui, s, "Swing thread busy %", SoakSample::edtBusyPct, 0);
            add(ui, s, "frame-to-screen p99 ms (right axis)", SoakSample::screenP99Ms, 1);
            add(ui, s, "event wait at sample ms (right axis)", SoakSample::edtLagMs, 1);
            ui.setYAxisGroupTitle(1, "ms");
            ui.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
            charts.add(ui);
        }
        int w = 960, h = 360;
        BufferedImage img = new BufferedImage(w, h * charts.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        for (int i = 0; i < charts.size(); i++) g.drawImage(BitmapEncoder.getBufferedImage(charts.get(i)), 0, i * h, null);
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    private static XYChart chart(String title, String y) {
        XYChart c = new XYChartBuilder().width(960).height(360).title(title).xAxisTitle("minutes").yAxisTitle(y).build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setMarkerSize(3);
        return c;
    }

    private static void add(XYChart c, List<SoakSample> s, String name, ToDoubleFunction<SoakSample> f, int axis) {
        List<SoakSample> p = s.stream().filter(x -> !Double.isNaN(f.applyAsDouble(x))).toList();
        if (p.isEmpty()) return;
        XYSeries series = c.addSeries(name, p.stream().map(x -> x.tS() / 60).toList(), p.stream().map(f::applyAsDouble).toList());
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setYAxisGroup(axis);
    }

    private static void warmup(XYChart c, List<SoakSample> s, double warmupS, ToDoubleFunction<SoakSample> f) {
        double max = s.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).max().orElse(1);
        XYSeries line = c.addSeries("warm-up end", List.of(warmupS / 60, warmupS / 60), List.of(0.0, max));
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(Color.GRAY);
        line.setShowInLegend(false);
    }
}
