package org.rehearse.simulation.pulsatile;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.random.SobolSequenceGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.rehearse.simulation.repair.Repair;
import org.rehearse.simulation.repair.VesselModel;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Propagates input uncertainty to each candidate's peak-to-peak gradient by randomised quasi-Monte Carlo: a Sobol
 * sequence (Commons Math {@link SobolSequenceGenerator}, Joe–Kuo direction numbers) shifted modulo 1 by one uniform
 * random vector from a {@link Well19937c} generator seeded with the given seed (a Cranley–Patterson rotation), so
 * runs are reproducible. Every sample is a full run of the 1D model to its periodic state, warm-started from the
 * candidate's nominal run, in parallel over the available processors.
 *
 * <p>Inputs and their distributions (one Sobol dimension each):
 * <ol>
 *   <li>lumen radius over the lesion: + δ, δ uniform in ± half a voxel (the segmentation's resolution);</li>
 *   <li>cardiac output: × uniform 0.9 … 1.1 (± 10 %);</li>
 *   <li>blood viscosity: uniform {@value #MU_MIN_PA_S} … {@value #MU_MAX_PA_S} Pa·s (whole blood at high shear rate,
 *       haematocrit about 35–50 %);</li>
 *   <li>the fitted periphery (log R_T, log wall compliance scale [, log descending factor]): normal with the
 *       calibration's covariance ({@link Calibration.Result#logCovariance()}), through its Cholesky factor.</li>
 * </ol>
 * Outputs per candidate: the sorted gradients, mean, the 95 % interval (2.5th and 97.5th percentiles) and the
 * probability that the gradient exceeds the intervention threshold {@value #THRESHOLD_MMHG} mmHg.
 */
public final class UncertaintyAnalysis {
    /** Intervention threshold of the peak-to-peak gradient (mmHg); e.g. ESC 2020 adult congenital heart disease guidelines. */
    public static final double THRESHOLD_MMHG = 20;
    /** Viscosity range (Pa·s). */
    public static final double MU_MIN_PA_S = 3.0e-3, MU_MAX_PA_S = 4.5e-3;
    /** Cardiac output range (relative). */
    public static final double CO_MIN = 0.9, CO_MAX = 1.1;
    /** Largest fraction of samples that may fail (solver blow-up, no periodic state) before the analysis fails. */
    public static final double MAX_FAILED_FRACTION = 0.05;

    /**
     * One candidate's distribution.
     *
     * @param candidate   the candidate's name
     * @param gradientsMmHg the sampled peak-to-peak gradients (mmHg), sorted ascending, failed samples left out
     * @param meanMmHg    their mean
     * @param ci95LowMmHg 2.5th percentile
     * @param ci95HighMmHg 97.5th percentile
     * @param pAboveThreshold fraction above {@value #THRESHOLD_MMHG} mmHg
     * @param failed      samples that failed
     */
    public record Result(String candidate, double[] gradientsMmHg, double meanMmHg, double ci95LowMmHg,
                         double ci95HighMmHg, double pAboveThreshold, int failed) {}

    private final Calibration.Result calibration;
    private final double lesionStartMm, lesionEndMm, halfVoxelMm;
    private final long seed;

    /**
     * @param calibration   the calibrated twin
     * @param lesionStartMm start of the lesion on the native vessel (mm)
     * @param lesionEndMm   end of the lesion (mm)
     * @param voxelSizeMm   the image's in-plane voxel size (mm); the radius varies by ± half of it
     * @param seed          random seed of the rotation
     * @throws IllegalArgumentException on a non-positive voxel size or an empty lesion window
     */
    public UncertaintyAnalysis(Calibration.Result calibration, double lesionStartMm, double lesionEndMm,
                               double voxelSizeMm, long seed) {
        this.calibration = Objects.requireNonNull(calibration, "calibration");
        if (!(voxelSizeMm > 0) || !Double.isFinite(voxelSizeMm)) {
            throw new IllegalArgumentException("voxel size must be > 0 mm, got " + voxelSizeMm);
        }
        if (!(lesionEndMm >= lesionStartMm)) {
            throw new IllegalArgumentException("lesion window " + lesionStartMm + "–" + lesionEndMm + " mm is empty");
        }
        this.lesionStartMm = lesionStartMm;
        this.lesionEndMm = lesionEndMm;
        this.halfVoxelMm = voxelSizeMm / 2;
        this.seed = seed;
    }

    /**
     * Samples one candidate.
     *
     * @param repair  the candidate
     * @param samples number of samples, 1 … 100000
     * @param nominal the candidate's nominal run (its state warm-starts every sample), or null
     * @return its distribution
     * @throws IllegalArgumentException on a sample count out of range
     * @throws IllegalStateException    when more than {@value #MAX_FAILED_FRACTION} of the samples fail
     */
    public Result run(Repair repair, int samples, PulsatileModel.Run nominal) {
        return run(repair, samples, nominal, org.rehearse.segmentation.Progress.NONE);
    }

    /**
     * As {@link #run(Repair, int, PulsatileModel.Run)}, with cancellation: samples not yet started are skipped once
     * the progress is cancelled, and the cancellation is then thrown.
     *
     * @param progress cancellation
     * @return its distribution
     * @throws org.rehearse.segmentation.Progress.CancelledException when cancelled
     */
    public Result run(Repair repair, int samples, PulsatileModel.Run nominal, org.rehearse.segmentation.Progress progress) {
        if (samples < 1 || samples > 100000) {
            throw new IllegalArgumentException("samples must be 1 … 100000, got " + samples);
        }
        PulsatileModel base = calibration.model();
        double[][] cov = calibration.logCovariance();
        int k = cov.length;
        double[][] chol;
        try {
            chol = new CholeskyDecomposition(new Array2DRowRealMatrix(cov), 1e-10, 1e-14).getL().getData();
        } catch (NonPositiveDefiniteMatrixException e) {
            throw new IllegalStateException("the calibration covariance is not positive definite");
        }
        Periphery fit = calibration.fitted();
        double[] mean = {Math.log(fit.totalResistancePaSM3()), Math.log(1 / fit.wallStiffnessFactor()),
                Math.log(fit.descendingFactor())};
        int dims = 3 + k;
        double[][] points = new double[samples][];
        SobolSequenceGenerator sobol = new SobolSequenceGenerator(dims);
        sobol.skipTo(1); // the first Sobol point is the origin
        double[] shift = new double[dims];
        Well19937c rng = new Well19937c(seed);
        for (int d = 0; d < dims; d++) shift[d] = rng.nextDouble();
        for (int i = 0; i < samples; i++) {
            double[] u = sobol.nextVector();
            for (int d = 0; d < dims; d++) u[d] = Math.min(1 - 1e-9, Math.max(1e-9, (u[d] + shift[d]) % 1.0));
            points[i] = u;
        }
        NormalDistribution normal = new NormalDistribution(null, 0, 1);
        PulsatileModel.Settings settings = base.settings();
        PulsatileModel.Settings sampling = new PulsatileModel.Settings(settings.dxM(), 2 * settings.periodicTolerance(),
                settings.maxCycles(), Math.max(50, settings.samplesPerCycle() / 2));
        double[] out = new double[samples];
        AtomicInteger failed = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        IntStream.range(0, samples).parallel().forEach(i -> {
            if (cancelled.get()) return;
            try {
                progress.checkCancelled();
            } catch (RuntimeException e) {
                cancelled.set(true);
                return;
            }
            double[] u = points[i];
            double delta = (2 * u[0] - 1) * halfVoxelMm;
            double co = CO_MIN + (CO_MAX - CO_MIN) * u[1];
            double mu = MU_MIN_PA_S + (MU_MAX_PA_S - MU_MIN_PA_S) * u[2];
            double[] z = new double[k];
            for (int d = 0; d < k; d++) z[d] = normal.inverseCumulativeProbability(u[3 + d]);
            double[] x = mean.clone();
            for (int r = 0; r < k; r++) for (int c = 0; c <= r; c++) x[r] += chol[r][c] * z[c];
            try {
                Periphery p = new Periphery(Math.exp(x[0]), fit.totalComplianceM3Pa(), Math.exp(x[2]),
                        fit.venousPressurePa(), Math.exp(-x[1]));
                PulsatileModel m = base.with(widen(base.nativeVessel(), delta), p,
                        base.patient().withCardiacOutputLMin(base.patient().cardiacOutputLMin() * co), mu, sampling);
                out[i] = m.run(repair, nominal).outcome().peakToPeakGradientMmHg();
            } catch (RuntimeException e) {
                out[i] = Double.NaN;
                failed.incrementAndGet();
            }
        });
        if (cancelled.get()) progress.checkCancelled();
        if (failed.get() > MAX_FAILED_FRACTION * samples) {
            throw new IllegalStateException(String.format("%d of %d uncertainty samples of %s failed (limit %.0f %%)",
                    failed.get(), samples, repair.name(), 100 * MAX_FAILED_FRACTION));
        }
        double[] ok = Arrays.stream(out).filter(Double::isFinite).sorted().toArray();
        double sum = 0;
        int above = 0;
        for (double g : ok) {
            sum += g;
            if (g > THRESHOLD_MMHG) above++;
        }
        return new Result(repair.name(), ok, sum / ok.length, percentile(ok, 2.5), percentile(ok, 97.5),
                (double) above / ok.length, failed.get());
    }

    /** Linear-interpolated percentile of sorted values (the "R-7" definition). */
    static double percentile(double[] sorted, double pct) {
        if (sorted.length == 1) return sorted[0];
        double h = (sorted.length - 1) * pct / 100;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The native vessel with its radius over the lesion changed by δ (mm), blending over 2 mm at each end. */
    VesselModel widen(VesselModel v, double deltaMm) {
        double[] s = v.arcLengthMm(), d = v.diameterMm();
        for (int i = 0; i < s.length; i++) {
            double w;
            if (s[i] >= lesionStartMm && s[i] <= lesionEndMm) w = 1;
            else w = Math.max(0, 1 - Math.min(Math.abs(s[i] - lesionStartMm), Math.abs(s[i] - lesionEndMm)) / 2.0);
            d[i] = Math.max(0.5, d[i] + 2 * deltaMm * w);
        }
        return new VesselModel(s, d, v.stiffWall(), v.referenceDiameterMm());
    }

}
