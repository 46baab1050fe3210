package org.rehearse.rendering;

import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A small histogram of one candidate's sampled peak-to-peak gradient (mmHg) with the intervention threshold drawn
 * as a red line and the share of samples above it, for the comparison view. Bars above the threshold are red.
 * Several histograms share one x range ({@link #setRange}) so that candidates can be compared by eye.
 */
public final class GradientHistogram extends Region {
    private final Canvas canvas = new Canvas();
    private double[] samples = new double[0];
    private double lo = 0, hi = 40, threshold = 20;

    /** An empty histogram. */
    public GradientHistogram() {
        getChildren().add(canvas);
        setMinHeight(70);
        setPrefHeight(90);
    }

    /**
     * @param samplesMmHg the sampled gradients (mmHg); null or empty shows "not sampled"
     */
    public void setSamples(double[] samplesMmHg) {
        samples = samplesMmHg == null ? new double[0] : samplesMmHg.clone();
        draw();
    }

    /** @param loMmHg left end of the x axis (mmHg) @param hiMmHg right end (mmHg), &gt; lo @param thresholdMmHg the line */
    public void setRange(double loMmHg, double hiMmHg, double thresholdMmHg) {
        if (!(hiMmHg > loMmHg)) throw new IllegalArgumentException("histogram range must increase: " + loMmHg + " … " + hiMmHg);
        lo = loMmHg;
        hi = hiMmHg;
        threshold = thresholdMmHg;
        draw();
    }

    /** @return the samples shown (a copy) */
    public double[] samples() { return samples.clone(); }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    private void draw() {
        double w = canvas.getWidth(), h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        if (w < 20 || h < 20) return;
        double left = 6, right = w - 6, top = 14, bottom = h - 14;
        g.setFont(Font.font(10));
        g.setFill(Color.gray(0.3));
        g.setTextBaseline(VPos.TOP);
        if (samples.length == 0) {
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText("gradient not sampled", w / 2, h / 2 - 6);
            return;
        }
        int bins = 24;
        int[] count = new int[bins];
        int above = 0;
        for (double x : samples) {
            int b = (int) Math.floor((x - lo) / (hi - lo) * bins);
            count[Math.max(0, Math.min(bins - 1, b))]++;
            if (x > threshold) above++;
        }
        int max = 1;
        for (int c : count) max = Math.max(max, c);
        double bw = (right - left) / bins;
        for (int b = 0; b < bins; b++) {
            double x0 = left + b * bw, bh = (bottom - top) * count[b] / max;
            double mid = lo + (b + 0.5) * (hi - lo) / bins;
            g.setFill(mid > threshold ? Color.rgb(200, 40, 40) : Color.rgb(60, 110, 180));
            g.fillRect(x0 + 0.5, bottom - bh, bw - 1, bh);
        }
        g.setStroke(Color.gray(0.4));
        g.strokeLine(left, bottom, right, bottom);
        double tx = left + (threshold - lo) / (hi - lo) * (right - left);
        if (tx >= left && tx <= right) {
            g.setStroke(Color.RED);
            g.setLineDashes(4, 3);
            g.strokeLine(tx, top - 2, tx, bottom);
            g.setLineDashes();
        }
        g.setFill(Color.gray(0.25));
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(String.format("%.0f", lo), left, bottom + 1);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(String.format("%.0f mmHg", hi), right, bottom + 1);
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText(String.format("%.0f", threshold), tx, bottom + 1);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.setFill(above * 2 >= samples.length ? Color.RED.darker() : Color.gray(0.25));
        g.fillText(String.format("P(> %.0f mmHg) = %.2f  (n = %d)", threshold, above / (double) samples.length,
                samples.length), left, 0);
    }
}
