package org.rehearse.rendering;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;

/**
 * The legend of scalar-coloured surfaces: a title with the unit, a vertical {@link ColourRamp} bar, and the values at
 * its top, middle and bottom. Style class {@code colour-legend}. FX thread only.
 */
public class ColourLegend extends VBox {
    private final Label title = new Label();
    private final Label top = new Label(), middle = new Label(), bottom = new Label();
    private final Rectangle bar = new Rectangle(22, 200);
    private double min = Double.NaN, max = Double.NaN;

    /** An empty legend (no range yet). */
    public ColourLegend() {
        getStyleClass().add("colour-legend");
        bar.setFill(ColourRamp.gradient(true));
        bar.setStroke(javafx.scene.paint.Color.gray(0.3));
        title.setWrapText(true);
        title.setMaxWidth(170);
        title.setMinHeight(USE_PREF_SIZE);
        title.setStyle("-fx-font-weight: bold;");
        VBox ticks = new VBox(top, spacer(), middle, spacer(), bottom);
        ticks.setAlignment(Pos.CENTER_LEFT);
        ticks.prefHeightProperty().bind(bar.heightProperty());
        HBox row = new HBox(6, bar, ticks);
        row.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(title, row);
        setSpacing(6);
        setPadding(new Insets(6));
        setAlignment(Pos.CENTER);
        setMinWidth(USE_PREF_SIZE);
        heightProperty().addListener((o, a, h) -> bar.setHeight(Math.max(60, h.doubleValue() - 70)));
    }

    private static Region spacer() {
        Region r = new Region();
        VBox.setVgrow(r, Priority.ALWAYS);
        return r;
    }

    /**
     * Sets the range and title.
     *
     * @param titleWithUnit e.g. "Systolic pressure (mmHg)"
     * @param minValue      value at the bottom of the bar
     * @param maxValue      value at the top of the bar
     */
    public void setRange(String titleWithUnit, double minValue, double maxValue) {
        title.setText(titleWithUnit);
        min = minValue;
        max = maxValue;
        top.setText(format(maxValue));
        middle.setText(format((minValue + maxValue) / 2));
        bottom.setText(format(minValue));
    }

    private static String format(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.1f", v);
    }

    /** @return the title (name and unit of the scalar) */
    public String title() {
        return title.getText();
    }

    /** @return the value at the bottom of the bar (NaN before {@link #setRange}) */
    public double min() {
        return min;
    }

    /** @return the value at the top of the bar (NaN before {@link #setRange}) */
    public double max() {
        return max;
    }
}
