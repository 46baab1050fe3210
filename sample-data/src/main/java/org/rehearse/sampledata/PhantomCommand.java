package org.rehearse.sampledata;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

import org.rehearse.segmentation.Progress;

/**
 * Command line of the phantom generator:
 * {@code --out DIR [--stenosis 0.65] [--size 512x512x300] [--seed N]}. Writes the case with {@link PhantomWriter}
 * and prints a one-paragraph summary.
 */
public final class PhantomCommand {
    /** Usage text printed with errors. */
    public static final String USAGE = "usage: phantom --out DIR [--stenosis 0.65] [--size 512x512x300] [--seed N]";

    private PhantomCommand() {
    }

    /**
     * Parses the arguments, generates and writes the phantom.
     *
     * @param args command-line arguments
     * @param out  where the summary and error messages go
     * @return exit code: 0 success, 2 bad arguments (message and usage printed), 1 when writing failed
     */
    public static int run(String[] args, PrintStream out) {
        PhantomSpec spec = PhantomSpec.defaults();
        Path outDir = null;
        double stenosis = spec.stenosisFraction();
        int[] size = {spec.columns(), spec.rows(), spec.slices()};
        long seed = spec.seed();
        try {
            for (int n = 0; n < args.length; n++) {
                String a = args[n];
                if (!a.equals("--out") && !a.equals("--stenosis") && !a.equals("--size") && !a.equals("--seed")) {
                    throw new IllegalArgumentException("unknown option \"" + a + "\"");
                }
                if (n + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + a + " needs a value");
                }
                String v = args[++n];
                switch (a) {
                    case "--out": outDir = Path.of(v); break;
                    case "--stenosis":
                        try {
                            stenosis = Double.parseDouble(v);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--stenosis must be a number between 0 and 0.9, got \"" + v + "\"");
                        }
                        break;
                    case "--size": size = parseSize(v); break;
                    default:
                        try {
                            seed = Long.parseLong(v);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--seed must be an integer, got \"" + v + "\"");
                        }
                }
            }
            if (outDir == null) {
                throw new IllegalArgumentException("--out DIR is required");
            }
            spec = new PhantomSpec(stenosis, size[0], size[1], size[2], spec.noiseSigmaHu(), spec.blurSigmaMm(), seed);
        } catch (IllegalArgumentException e) {
            out.println("error: " + e.getMessage());
            out.println(USAGE);
            return 2;
        }
        try {
            long t0 = System.nanoTime();
            Phantom p = PhantomGenerator.generate(spec, Progress.NONE);
            long t1 = System.nanoTime();
            PhantomWriter.write(p, outDir, Progress.NONE);
            long t2 = System.nanoTime();
            double[] sp = spec.spacingMm();
            out.println(String.format(Locale.ROOT,
                    "Wrote a %dx%dx%d CT angiography phantom (%.2fx%.2fx%.2f mm voxels, seed %d) of an adolescent aorta "
                    + "with an isthmus coarctation to %s: minimal lumen diameter %.1f mm against a reference of %.1f mm "
                    + "(stenosis %.0f %%) at LPS (%.1f, %.1f, %.1f) mm; seed point in the descending aorta at LPS "
                    + "(%.1f, %.1f, %.1f) mm; truth in %s and %s. Generation took %.1f s, writing %.1f s.",
                    spec.columns(), spec.rows(), spec.slices(), sp[0], sp[1], sp[2], spec.seed(), outDir.toAbsolutePath(),
                    p.minDiameterMm(), p.referenceDiameterMm(), p.stenosisPercent(), p.throatLpsMm()[0], p.throatLpsMm()[1],
                    p.throatLpsMm()[2], p.seedLpsMm()[0], p.seedLpsMm()[1], p.seedLpsMm()[2], PhantomWriter.TRUTH_JSON,
                    PhantomWriter.TRUTH_MASK, (t1 - t0) / 1e9, (t2 - t1) / 1e9));
            return 0;
        } catch (IOException e) {
            out.println("error: cannot write the phantom to " + outDir + ": " + e.getMessage());
            return 1;
        }
    }

    private static int[] parseSize(String v) {
        String[] parts = v.toLowerCase(Locale.ROOT).split("x");
        if (parts.length != 3) {
            throw new IllegalArgumentException("--size must be COLUMNSxROWSxSLICES, e.g. 512x512x300, got \"" + v + "\"");
        }
        int[] s = new int[3];
        for (int n = 0; n < 3; n++) {
            try {
                s[n] = Integer.parseInt(parts[n].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--size must be COLUMNSxROWSxSLICES with whole numbers, got \"" + v + "\"");
            }
        }
        return s;
    }
}
