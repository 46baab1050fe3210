package org.rehearse.rendering;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.shape.Line;

/**
 * The comparison's charts, side by side: systolic pressure along the centerline for every candidate, the pressure
 * waveforms proximal and distal to the lesion over one cycle, and the peak-to-peak gradient per candidate as a bar with
 * its 95 % interval as an error bar. Built from {@link CandidateHemodynamics}; candidates without it are left out.
 * FX thread only.
 */
public class HemodynamicsCharts extends HBox {
    private final LineChart<Number, Number> profile;
    private final LineChart<Number, Number> waveforms;
    private final GradientChart gradients;

    /** Empty charts. */
    public HemodynamicsCharts() {
        super(6);
        profile = lineChart("Arc length along the centerline (mm)", "mmHg", "Systolic pressure along the aorta");
        waveforms = lineChart("Time in the cycle (s)", "mmHg", "Proximal (solid) / distal (dashed)");
        NumberAxis x = new NumberAxis();
        x.setLabel("Gradient (mmHg); dashed: 20");
        CategoryAxis y = new CategoryAxis();
        gradients = new GradientChart(x, y);
        gradients.setTitle("Peak-to-peak gradient, 95 % interval");
        gradients.setLegendVisible(false);
        gradients.setAnimated(false);
        gradients.setBarGap(2);
        gradients.setCategoryGap(6);
        for (javafx.scene.chart.XYChart<?, ?> c : List.of(profile, waveforms, gradients)) {
            HBox.setHgrow(c, Priority.ALWAYS);
            c.setPrefSize(420, 260);
            c.setMinSize(150, 120);
        }
        getChildren().addAll(profile, waveforms, gradients);
        getStyleClass().add("hemodynamics-charts");
    }

    private static LineChart<Number, Number> lineChart(String xLabel, String yLabel, String title) {
        NumberAxis x = new NumberAxis();
        x.setLabel(xLabel);
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setLabel(yLabel);
        y.setForceZeroInRange(false);
        LineChart<Number, Number> c = new LineChart<>(x, y);
        c.setTitle(title);
        c.setCreateSymbols(false);
        c.setAnimated(false);
        return c;
    }

    /**
     * Shows the candidates' curves.
     *
     * @param candidates the candidates in display order; those without {@link CandidateDisplay#hemodynamics()} are
     *                   skipped
     */
    public void setCandidates(List<CandidateDisplay> candidates) {
        profile.getData().clear();
        waveforms.getData().clear();
        gradients.getData().clear();
        XYChart.Series<Number, String> bars = new XYChart.Series<>();
        List<double[]> intervals = new ArrayList<>();
        for (CandidateDisplay c : candidates) {
            CandidateHemodynamics h = c.hemodynamics();
            if (h == null) {
                continue;
            }
            profile.getData().add(series(c.name(), h.arcLengthMm(), h.systolicMmHg()));
            XYChart.Series<Number, Number> prox = series(c.name() + " prox.", h.timeS(), h.proximalMmHg());
            XYChart.Series<Number, Number> dist = series(c.name() + " dist.", h.timeS(), h.distalMmHg());
            waveforms.getData().add(prox);
            waveforms.getData().add(dist);
            bars.getData().add(new XYChart.Data<>(h.gradientMmHg(), c.name()));
            intervals.add(new double[] {h.gradientLowMmHg(), h.gradientHighMmHg()});
        }
        niceAxis((NumberAxis) profile.getXAxis(), profile.getData());
        niceAxis((NumberAxis) waveforms.getXAxis(), waveforms.getData());
        // same colour for a candidate's proximal and distal curves; the distal one dashed
        for (int i = 0; i < waveforms.getData().size(); i++) {
            Node line = waveforms.getData().get(i).getNode();
            if (line != null) {
                String colour = "CHART_COLOR_" + (i / 2 % 8 + 1);
                line.setStyle("-fx-stroke: " + colour + ";" + (i % 2 == 1 ? " -fx-stroke-dash-array: 8 6;" : ""));
            }
        }
        double lowest = 0, highest = 0;
        for (XYChart.Data<Number, String> d : bars.getData()) {
            lowest = Math.min(lowest, d.getXValue().doubleValue());
            highest = Math.max(highest, d.getXValue().doubleValue());
        }
        for (double[] iv : intervals) {
            if (Double.isFinite(iv[0])) lowest = Math.min(lowest, iv[0]);
            if (Double.isFinite(iv[1])) highest = Math.max(highest, iv[1]);
        }
        // the first candidate on top: a category axis lists its categories from the bottom up
        List<XYChart.Data<Number, String>> reversed = new ArrayList<>(bars.getData());
        java.util.Collections.reverse(reversed);
        bars.getData().setAll(reversed);
        java.util.Collections.reverse(intervals);
        gradients.setIntervals(intervals, lowest, highest);
        gradients.getData().add(bars);
        for (XYChart.Data<Number, String> d : bars.getData()) {
            if (d.getNode() != null) {
                d.getNode().setStyle(d.getXValue().doubleValue() > GradientChart.THRESHOLD_MMHG
                        ? "-fx-bar-fill: #d03030;" : "-fx-bar-fill: #4a7fb5;");
            }
        }
    }

    /**
     * Fixes an x axis to the data's range with about five ticks at round values (the automatic ticks of a narrow chart
     * overlap their labels).
     */
    private static void niceAxis(NumberAxis axis, List<XYChart.Series<Number, Number>> data) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (XYChart.Series<Number, Number> s : data) {
            for (XYChart.Data<Number, Number> d : s.getData()) {
                lo = Math.min(lo, d.getXValue().doubleValue());
                hi = Math.max(hi, d.getXValue().doubleValue());
            }
        }
        if (!(hi > lo)) {
            axis.setAutoRanging(true);
            return;
        }
        double raw = (hi - lo) / 5, mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double unit = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
        axis.setAutoRanging(false);
        axis.setLowerBound(Math.floor(lo / unit) * unit);
        axis.setUpperBound(Math.ceil(hi / unit) * unit);
        axis.setTickUnit(unit);
    }

    private static XYChart.Series<Number, Number> series(String name, double[] x, double[] y) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        List<XYChart.Data<Number, Number>> pts = new ArrayList<>(x.length);
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                pts.add(new XYChart.Data<>(x[i], y[i]));
            }
        }
        s.setData(FXCollections.observableList(pts));
        return s;
    }

    /** @return the chart of systolic pressure along the centerline (one series per candidate) */
    public LineChart<Number, Number> profileChart() {
        return profile;
    }

    /** @return the chart of proximal and distal pressure waveforms (two series per candidate) */
    public LineChart<Number, Number> waveformChart() {
        return waveforms;
    }

    /** @return the gradient chart (one bar per candidate, with its 95 % interval) */
    public BarChart<Number, String> gradientChart() {
        return gradients;
    }

    /**
     * A horizontal bar chart (one bar per candidate, names on the vertical axis) that draws each bar's 95 % interval as
     * an error bar and the 20 mmHg re-treatment threshold as a dashed line.
     */
    static final class GradientChart extends BarChart<Number, String> {
        /** The threshold drawn as a dashed line (mmHg). */
        static final double THRESHOLD_MMHG = 20;
        private List<double[]> intervals = List.of();
        private final List<Line> lines = new ArrayList<>();

        GradientChart(NumberAxis x, CategoryAxis y) {
            super(x, y);
        }

        void setIntervals(List<double[]> list, double lowest, double highest) {
            intervals = List.copyOf(list);
            NumberAxis x = (NumberAxis) getXAxis();
            x.setAutoRanging(false);
            double lo = Math.min(0, lowest), hi = Math.max(highest, THRESHOLD_MMHG) * 1.1;
            double unit = hi - lo > 60 ? 10 : 5;
            x.setLowerBound(Math.floor(lo / unit) * unit);
            x.setUpperBound(Math.ceil(hi / unit) * unit);
            x.setTickUnit(unit);
        }

        @Override
        protected void layoutPlotChildren() {
            super.layoutPlotChildren();
            getPlotChildren().removeAll(lines);
            lines.clear();
            double tx = getXAxis().getDisplayPosition(THRESHOLD_MMHG);
            double h = getYAxis().getHeight();
            Line threshold = new Line(tx, 0, tx, h);
            threshold.getStrokeDashArray().setAll(6.0, 5.0);
            threshold.setStroke(javafx.scene.paint.Color.RED);
            threshold.getStyleClass().add("gradient-threshold");
            lines.add(threshold);
            if (!getData().isEmpty()) {
                List<Data<Number, String>> data = getData().get(0).getData();
                for (int i = 0; i < data.size() && i < intervals.size(); i++) {
                    double[] iv = intervals.get(i);
                    Node bar = data.get(i).getNode();
                    if (bar == null || !Double.isFinite(iv[0]) || !Double.isFinite(iv[1])) {
                        continue;
                    }
                    double cy = bar.getBoundsInParent().getMinY() + bar.getBoundsInParent().getHeight() / 2;
                    double x0 = getXAxis().getDisplayPosition(iv[0]), x1 = getXAxis().getDisplayPosition(iv[1]);
                    double w = Math.min(8, bar.getBoundsInParent().getHeight() / 3);
                    for (Line l : new Line[] {new Line(x0, cy, x1, cy), new Line(x0, cy - w, x0, cy + w),
                            new Line(x1, cy - w, x1, cy + w)}) {
                        l.setStrokeWidth(2);
                        l.getStyleClass().add("gradient-interval");
                        lines.add(l);
                    }
                }
            }
            getPlotChildren().addAll(lines);
        }

        /** @return the error-bar lines currently drawn (three per interval), after the threshold line */
        List<Line> intervalLines() {
            return List.copyOf(lines.subList(1, lines.size()));
        }
    }
}
