package org.rehearse.simulation.oned;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares a {@link PeriodicSolution} with openBF's converged last cycle ({@code <vessel>_P.csv} in Pa,
 * {@code <vessel>_Q.csv} in m³/s; header row, then columns time (s), inlet, ¼, ½, ¾, outlet).
 *
 * <p>Error measure: the RMS, over openBF's samples of the cycle, of (this solver − openBF), divided by the pulse
 * amplitude of the reference (max − min of openBF's signal at that point over the cycle). openBF's absolute times
 * are mapped into the cycle by {@code t mod T}; this solver's signal is interpolated linearly at those phases.
 */
public final class OpenBfComparison {
    private OpenBfComparison() {}

    /**
     * A reference table.
     *
     * @param timeS   sample times (s), {@code [samples]}
     * @param columns values, {@code [5][samples]}: inlet, ¼, ½, ¾, outlet
     */
    public record Reference(double[] timeS, double[][] columns) {}

    /**
     * @param csv an openBF result CSV
     * @return its contents
     * @throws IOException              when unreadable
     * @throws IllegalArgumentException when a row does not hold 6 numbers (message names file and line)
     */
    public static Reference read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<double[]> rows = new ArrayList<>();
        for (int ln = 0; ln < lines.size(); ln++) {
            String l = lines.get(ln).trim();
            if (l.isEmpty() || (ln == 0 && !Character.isDigit(l.charAt(0)) && l.charAt(0) != '-')) continue;
            String[] f = l.split(",");
            if (f.length != 6) throw new IllegalArgumentException(csv + ":" + (ln + 1) + ": expected 6 columns, got " + f.length);
            double[] r = new double[6];
            for (int j = 0; j < 6; j++) {
                try { r[j] = Double.parseDouble(f[j].trim()); }
                catch (NumberFormatException e) {
                    throw new IllegalArgumentException(csv + ":" + (ln + 1) + ": not a number: " + f[j], e);
                }
            }
            rows.add(r);
        }
        if (rows.size() < 2) throw new IllegalArgumentException(csv + ": fewer than 2 data rows");
        double[] t = new double[rows.size()];
        double[][] c = new double[5][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            t[i] = rows.get(i)[0];
            for (int j = 0; j < 5; j++) c[j][i] = rows.get(i)[j + 1];
        }
        return new Reference(t, c);
    }

    /**
     * @param sol    this solver's last cycle
     * @param signal one recorded row of {@code sol} (pressure or flow at one probe)
     * @param ref    the reference
     * @param column reference column 0…4 (inlet … outlet), the same probe
     * @return RMS(difference) / (max − min of the reference column), dimensionless
     */
    public static double relativeRmsError(PeriodicSolution sol, double[] signal, Reference ref, int column) {
        double[] r = ref.columns()[column];
        double sum = 0, mx = Double.NEGATIVE_INFINITY, mn = Double.POSITIVE_INFINITY;
        for (int i = 0; i < r.length; i++) {
            double d = sol.interpolate(signal, ref.timeS()[i]) - r[i];
            sum += d * d;
            mx = Math.max(mx, r[i]);
            mn = Math.min(mn, r[i]);
        }
        return Math.sqrt(sum / r.length) / (mx - mn);
    }
}
