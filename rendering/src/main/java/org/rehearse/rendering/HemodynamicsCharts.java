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
        profile = lineChart("Arc length along the centerline (mm)", "Systolic pressure (mmHg)",
                "Systolic pressure along the aorta");
        waveforms = lineChart("Time in the cycle (s)", "Pressure (mmHg)", "Pressure proximal (solid) / distal (dashed)");
        CategoryAxis x = new CategoryAxis();
        NumberAxis y = new NumberAxis();
        y.setLabel("Peak-to-peak gradient (mmHg)");
        gradients = new GradientChart(x, y);
        gradients.setTitle("Gradient with 95 % interval");
        gradients.setLegendVisible(false);
        gradients.setAnimated(false);
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
        XYChart.Series<String, Number> bars = new XYChart.Series<>();
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
            bars.getData().add(new XYChart.Data<>(c.name(), h.gradientMmHg()));
            intervals.add(new double[] {h.gradientLowMmHg(), h.gradientHighMmHg()});
        }
        // same colour for a candidate's proximal and distal curves; the distal one dashed
        for (int i = 0; i < waveforms.getData().size(); i++) {
            Node line = waveforms.getData().get(i).getNode();
            if (line != null) {
                String colour = "CHART_COLOR_" + (i / 2 % 8 + 1);
                line.setStyle("-fx-stroke: " + colour + ";" + (i % 2 == 1 ? " -fx-stroke-dash-array: 8 6;" : ""));
            }
        }
        gradients.setIntervals(intervals);
        gradients.getData().add(bars);
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
    public BarChart<String, Number> gradientChart() {
        return gradients;
    }

    /** A bar chart that draws an error bar (95 % interval) over each bar of its first series. */
    static final class GradientChart extends BarChart<String, Number> {
        private List<double[]> intervals = List.of();
        private final List<Line> lines = new ArrayList<>();

        GradientChart(CategoryAxis x, NumberAxis y) {
            super(x, y);
        }

        void setIntervals(List<double[]> list) {
            intervals = List.copyOf(list);
            double hi = 0;
            for (double[] iv : list) {
                if (Double.isFinite(iv[1])) hi = Math.max(hi, iv[1]);
            }
            NumberAxis y = (NumberAxis) getYAxis();
            y.setAutoRanging(true);
            if (hi > 0) {
                // make room for the error bars: auto-ranging sees only the bars
                y.setAutoRanging(false);
                double top = Math.max(hi, 20) * 1.1;
                y.setLowerBound(0);
                y.setUpperBound(Math.ceil(top / 5) * 5);
                y.setTickUnit(Math.max(1, Math.ceil(top / 8)));
            }
        }

        @Override
        protected void layoutPlotChildren() {
            super.layoutPlotChildren();
            getPlotChildren().removeAll(lines);
            lines.clear();
            if (getData().isEmpty()) {
                return;
            }
            List<Data<String, Number>> data = getData().get(0).getData();
            for (int i = 0; i < data.size() && i < intervals.size(); i++) {
                double[] iv = intervals.get(i);
                Node bar = data.get(i).getNode();
                if (bar == null || !Double.isFinite(iv[0]) || !Double.isFinite(iv[1])) {
                    continue;
                }
                double cx = bar.getBoundsInParent().getMinX() + bar.getBoundsInParent().getWidth() / 2;
                double y0 = getYAxis().getDisplayPosition(iv[0]), y1 = getYAxis().getDisplayPosition(iv[1]);
                double w = Math.min(12, bar.getBoundsInParent().getWidth() / 3);
                for (Line l : new Line[] {new Line(cx, y0, cx, y1), new Line(cx - w, y0, cx + w, y0),
                        new Line(cx - w, y1, cx + w, y1)}) {
                    l.setStrokeWidth(2);
                    l.getStyleClass().add("gradient-interval");
                    lines.add(l);
                }
            }
            getPlotChildren().addAll(lines);
        }

        /** @return the error-bar lines currently drawn (three per interval) */
        List<Line> intervalLines() {
            return List.copyOf(lines);
        }
    }
}
