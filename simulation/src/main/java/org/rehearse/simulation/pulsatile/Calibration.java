package org.rehearse.simulation.pulsatile;

import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;
import org.rehearse.simulation.hemo.Units;
import org.rehearse.simulation.repair.NativeRepair;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Calibration of the twin to the patient: fits resistance and compliance so that the native model's pressures match
 * the measurements.
 *
 * <p>Unknowns: log R_T, the total peripheral resistance of the {@link Periphery}, and log s, the scale of the arterial
 * wall compliance (the vessels' Olufsen stiffness Eh is divided by s), which with the proximal aorta's characteristic
 * impedance sets the pulse pressure; and log of the descending outlet's resistance factor when a gradient was
 * measured; each kept within physiological bounds ({@link #MIN_WALL_COMPLIANCE} …, R_T within a factor 10 of MAP/CO).
 * The peripheral compliance C_T is the stroke volume over the pulse pressure (the "pulse pressure method"
 * estimate of total arterial compliance, Stergiopulos, Segers &amp; Westerhof 1999, Am J Physiol 276:H424). Residuals (mmHg): simulated minus cuff systolic and diastolic pressure at the arm
 * ({@link PulsatileModel#armPressuresPa}), and simulated minus measured peak-to-peak gradient when given. Solved with
 * Commons Math's Levenberg–Marquardt optimizer, forward-difference Jacobian (step {@value #FD_STEP} in log space),
 * each evaluation warm-started from the previous one. Start: R_T = MAP/CO, s = {@value #START_WALL_COMPLIANCE}. The fit must reach every target within
 * {@value #TOLERANCE_MMHG} mmHg.
 *
 * <p>Fit uncertainty: cov(log θ) = σ² (JᵀJ)⁻¹ at the optimum, σ = {@value #MEASUREMENT_SD_MMHG} mmHg (the accuracy a
 * validated cuff must reach, ISO 81060-2: mean error ≤ 5 mmHg), used by {@link UncertaintyAnalysis}.
 */
public final class Calibration {
    /** Largest residual accepted (mmHg). */
    public static final double TOLERANCE_MMHG = 2.0;
    /** Measurement standard deviation (mmHg) for the fit covariance. */
    public static final double MEASUREMENT_SD_MMHG = 5.0;
    /** Start of the wall compliance scale (1 / the factor on Olufsen's stiffness). */
    public static final double START_WALL_COMPLIANCE = 2.0;
    /**
     * Bounds of the wall compliance scale: the aortic pulse wave speed stays within 3.5 … 15 m/s (Olufsen's
     * stiffness gives about 7.4 m/s; c ∝ 1/√s), the range reported from children to the elderly (Reference Values for
     * Arterial Stiffness' Collaboration 2010, Eur Heart J 31:2338).
     */
    public static final double MIN_WALL_COMPLIANCE = 0.24, MAX_WALL_COMPLIANCE = 4.5;
    /** Finite-difference step in log parameters. */
    public static final double FD_STEP = 0.02;

    private Calibration() {}

    /**
     * The calibrated twin.
     *
     * @param target          the measurements
     * @param fitted          the fitted periphery
     * @param simulated       what the fitted model gives: systolic_mmHg, diastolic_mmHg (at the arm), and
     *                        peak_to_peak_gradient_mmHg
     * @param residualMmHg    root-mean-square residual (mmHg)
     * @param logCovariance   covariance of the fitted log parameters, {@code [k][k]}, k = 2 or 3 (R_T, s[, factor])
     * @param evaluations     model runs used
     * @param nativeRun       the native run at the fitted periphery (its state warm-starts later runs)
     * @param model           the model with the fitted periphery
     */
    public record Result(PatientMeasurements target, Periphery fitted, Map<String, Double> simulated,
                         double residualMmHg, double[][] logCovariance, int evaluations, PulsatileModel.Run nativeRun,
                         PulsatileModel model) {}

    /**
     * Fits the periphery of {@code model} to its patient's measurements.
     *
     * @param model a model (its periphery is the unused start; its patient gives the targets)
     * @return the result
     * @throws CalibrationException when the targets cannot be reached within {@value #TOLERANCE_MMHG} mmHg; the message
     *                              names each target and the value reached
     */
    public static Result calibrate(PulsatileModel model) {
        PatientMeasurements m = model.patient();
        boolean grad = m.hasMeasuredGradient();
        double rt0 = Units.mmHgToPa(m.meanArterialMmHg()) / m.cardiacOutputM3s();
        double ct0 = m.cardiacOutputM3s() * m.periodS() / Units.mmHgToPa(m.systolicMmHg() - m.diastolicMmHg());
        double[] start = grad ? new double[] {Math.log(rt0), Math.log(START_WALL_COMPLIANCE), 0}
                : new double[] {Math.log(rt0), Math.log(START_WALL_COMPLIANCE)};
        double[] target = grad ? new double[] {m.systolicMmHg(), m.diastolicMmHg(), m.measuredGradientMmHg()}
                : new double[] {m.systolicMmHg(), m.diastolicMmHg()};
        NativeRepair nat = new NativeRepair();
        PulsatileModel.Run[] last = {null};
        int[] evals = {0};
        java.util.function.Function<double[], double[]> f = x -> {
            Periphery p = periphery(x, ct0);
            PulsatileModel.Run r = model.withPeriphery(p).run(nat, last[0]);
            last[0] = r;
            evals[0]++;
            double[] arm = PulsatileModel.armPressuresPa(r.outcome());
            double[] out = new double[target.length];
            out[0] = Units.paToMmHg(arm[0]);
            out[1] = Units.paToMmHg(arm[1]);
            if (out.length > 2) out[2] = r.outcome().peakToPeakGradientMmHg();
            return out;
        };
        MultivariateJacobianFunction fn = point -> {
            double[] x = point.toArray();
            double[] v = f.apply(x);
            double[][] jac = new double[v.length][x.length];
            for (int j = 0; j < x.length; j++) {
                double[] xp = x.clone();
                xp[j] += FD_STEP;
                double[] vp = f.apply(xp);
                for (int i = 0; i < v.length; i++) jac[i][j] = (vp[i] - v[i]) / FD_STEP;
            }
            f.apply(x); // leave the warm state at x
            return new Pair<RealVector, RealMatrix>(new ArrayRealVector(v), new Array2DRowRealMatrix(jac));
        };
        LeastSquaresOptimizer.Optimum opt;
        try {
            opt = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder().model(fn).target(target)
                    .start(start).maxEvaluations(60).maxIterations(60).lazyEvaluation(false)
                    .parameterValidator(p -> {
                        double[] y = p.toArray();
                        y[1] = Math.max(Math.log(MIN_WALL_COMPLIANCE), Math.min(Math.log(MAX_WALL_COMPLIANCE), y[1]));
                        y[0] = Math.max(Math.log(rt0 / 10), Math.min(Math.log(rt0 * 10), y[0]));
                        if (y.length > 2) y[2] = Math.max(Math.log(0.1), Math.min(Math.log(10), y[2]));
                        return new ArrayRealVector(y);
                    })
                    .checker((it, prev, cur) -> cur.getCost() < 0.3 || (it > 8 && Math.abs(prev.getCost() - cur.getCost()) < 0.01)).build());
        } catch (org.apache.commons.math3.exception.TooManyEvaluationsException
                 | org.apache.commons.math3.exception.TooManyIterationsException e) {
            throw new CalibrationException("the calibration did not converge: " + describe(target, f.apply(start), grad));
        }
        double[] x = opt.getPoint().toArray();
        Periphery fitted = periphery(x, ct0);
        PulsatileModel calibrated = model.withPeriphery(fitted);
        PulsatileModel.Run r = calibrated.run(nat, last[0]);
        double[] arm = PulsatileModel.armPressuresPa(r.outcome());
        double[] got = grad ? new double[] {Units.paToMmHg(arm[0]), Units.paToMmHg(arm[1]), r.outcome().peakToPeakGradientMmHg()}
                : new double[] {Units.paToMmHg(arm[0]), Units.paToMmHg(arm[1])};
        double ss = 0, worst = 0;
        for (int i = 0; i < got.length; i++) {
            ss += (got[i] - target[i]) * (got[i] - target[i]);
            worst = Math.max(worst, Math.abs(got[i] - target[i]));
        }
        if (!(worst <= TOLERANCE_MMHG)) {
            throw new CalibrationException("the calibration cannot reach its target within " + TOLERANCE_MMHG
                    + " mmHg: " + describe(target, got, grad));
        }
        RealMatrix j = opt.getJacobian();
        RealMatrix info = j.transpose().multiply(j);
        double[][] cov;
        try {
            cov = new LUDecomposition(info).getSolver().getInverse().scalarMultiply(MEASUREMENT_SD_MMHG * MEASUREMENT_SD_MMHG).getData();
        } catch (org.apache.commons.math3.linear.SingularMatrixException e) {
            throw new CalibrationException("the calibration is ill-posed: the measurements do not determine the periphery");
        }
        Map<String, Double> sim = new LinkedHashMap<>();
        sim.put("systolic_mmHg", got[0]);
        sim.put("diastolic_mmHg", got[1]);
        sim.put("peak_to_peak_gradient_mmHg", r.outcome().peakToPeakGradientMmHg());
        return new Result(model.patient(), fitted, sim, Math.sqrt(ss / got.length), cov, evals[0] + 1, r, calibrated);
    }

    private static Periphery periphery(double[] x, double ct) {
        return new Periphery(Math.exp(x[0]), ct, x.length > 2 ? Math.exp(x[2]) : 1, 0, 1.0 / Math.exp(x[1]));
    }

    private static String describe(double[] target, double[] got, boolean grad) {
        String s = String.format("systolic %.0f mmHg (reached %.1f), diastolic %.0f mmHg (reached %.1f)", target[0], got[0],
                target[1], got[1]);
        if (grad) s += String.format(", gradient %.0f mmHg (reached %.1f)", target[2], got[2]);
        return s;
    }
}
