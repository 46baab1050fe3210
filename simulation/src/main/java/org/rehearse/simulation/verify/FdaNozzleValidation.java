package org.rehearse.simulation.verify;

import org.rehearse.simulation.oned.StenosisElement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Validation of the lumped stenosis element ({@link StenosisElement}, Young &amp; Tsai 1973) against the FDA
 * benchmark nozzle experiments (Hariharan et al. 2011, J Biomech Eng 133:041002; data of the laboratories in
 * {@code hemodynamics/fda-nozzle/wall_pressure_drop_vs_flow.csv}, sudden-expansion orientation).
 *
 * <p>Geometry: a 12 mm pipe, a 20° (total angle) cone narrowing to a 4 mm throat 40 mm long, then a sudden expansion
 * back to 12 mm. Model: the stenosis element with D0 = 12 mm, Ds = 4 mm, Ls = the whole constriction (cone
 * 22.7 mm + throat 40 mm) and throat length Lt = 40 mm, plus Hagen–Poiseuille friction of the 12 mm pipe between the taps (59.6 mm); fluid
 * ρ = 1056 kg/m³, μ = 0.0035 Pa·s (the benchmark's blood analogue). Measured: wall pressure at the first tap
 * (90.32 mm before the expansion) minus the last tap (32 mm after it, where pressure has not fully recovered).
 * Pass: the model lies within the laboratories' range (min … max) at throat Reynolds numbers 500 and 2000; at 3500 and
 * 5000 the error from the laboratories' mean is reported only.
 */
public final class FdaNozzleValidation {
    private FdaNozzleValidation() {}

    /** Fluid and geometry of the benchmark (SI). */
    public static final double RHO = 1056, MU = 0.0035, D0 = 0.012, DS = 0.004, THROAT_M = 0.040,
            CONE_M = (D0 - DS) / 2 / Math.tan(Math.toRadians(10)), PIPE_BETWEEN_TAPS_M = 0.09032 + 0.032 - THROAT_M - CONE_M;

    /**
     * @param flowM3s steady flow (m³/s)
     * @return the model's pressure drop first tap → last tap (Pa)
     */
    public static double modelDropPa(double flowM3s) {
        StenosisElement el = new StenosisElement(0, D0, DS, CONE_M + THROAT_M, THROAT_M);
        double pipe = 128 * MU * PIPE_BETWEEN_TAPS_M / (Math.PI * Math.pow(D0, 4)) * flowM3s;
        return el.pressureDropPa(flowM3s, 0, RHO, MU) + pipe;
    }

    /**
     * Runs the comparison for every throat Reynolds number in the file.
     *
     * @param csv {@code wall_pressure_drop_vs_flow.csv}
     * @return one row per Reynolds number: reference = laboratories' mean; error = model − nearest end of the range
     *         in % of the mean (0 inside the range) for Re 500 and 2000 (tolerance 0), model − mean in % beyond
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when it has no sudden-expansion rows
     */
    public static List<CaseResult> run(Path csv) throws IOException {
        Map<Integer, List<double[]>> byRe = new TreeMap<>();
        List<String> lines = Files.readAllLines(csv);
        String[] head = lines.get(0).split(",");
        int ori = indexOf(head, "geometry_orientation"), re = indexOf(head, "Re_throat"), q = indexOf(head, "Q_m3_per_s"),
                dp = indexOf(head, "dp_first_minus_last_Pa");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (f.length <= dp || !f[ori].equals("sudden_expansion")) continue;
            byRe.computeIfAbsent(Integer.parseInt(f[re].trim()), k -> new ArrayList<>())
                    .add(new double[] {Double.parseDouble(f[q]), Double.parseDouble(f[dp])});
        }
        if (byRe.isEmpty()) throw new IllegalArgumentException(csv + ": no sudden_expansion rows");
        List<CaseResult> out = new ArrayList<>();
        for (Map.Entry<Integer, List<double[]>> e : byRe.entrySet()) {
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY, sum = 0, flow = e.getValue().get(0)[0];
            for (double[] r : e.getValue()) {
                lo = Math.min(lo, r[1]);
                hi = Math.max(hi, r[1]);
                sum += r[1];
            }
            double mean = sum / e.getValue().size();
            double model = modelDropPa(flow);
            boolean graded = e.getKey() <= 2000;
            double err = graded ? 100 * (model < lo ? model - lo : model > hi ? model - hi : 0) / mean
                    : 100 * (model - mean) / mean;
            out.add(new CaseResult(String.format("FDA nozzle, Re %d (%d laboratories, %.0f–%.0f Pa)", e.getKey(),
                    e.getValue().size(), lo, hi), "wall pressure drop (Pa)", mean, model, err,
                    graded ? "% outside the laboratories' range" : "% from the laboratories' mean",
                    graded ? 0.0 : Double.NaN, "Hariharan et al. 2011 (FDA benchmark nozzle), Young–Tsai element"));
        }
        return out;
    }

    private static int indexOf(String[] head, String name) {
        for (int i = 0; i < head.length; i++) if (head[i].trim().equals(name)) return i;
        throw new IllegalArgumentException("column " + name + " missing");
    }
}
