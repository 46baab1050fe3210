package org.rehearse.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.rehearse.simulation.pulsatile.PatientMeasurements;
import org.rehearse.simulation.verify.CaseResult;
import org.rehearse.simulation.verify.VerificationSuite;
import java.util.concurrent.Callable;
import org.rehearse.app.plan.Bench;
import org.rehearse.app.plan.PlanJob;
import org.rehearse.app.ui.WorkstationApp;
import org.rehearse.app.workflow.DefaultCaseService;
import org.rehearse.sampledata.PhantomCommand;
import org.rehearse.sampledata.PhantomSpec;
import org.rehearse.segmentation.Progress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of the workstation and the command line ({@code ./rehearse …}). Without a command it opens the
 * workstation on the bundled sample case; {@code plan}, {@code phantom}, {@code bench} run headless. Errors the user
 * can act on are printed as one line ("rehearse: …") with exit code 2; never a stack trace unless
 * {@code REHEARSE_DEBUG} is set.
 */
@Command(name = "rehearse", mixinStandardHelpOptions = true, version = "Rehearse 0.1.0",
        description = "Surgical rehearsal workstation: DICOM CT → segmented aorta → 3D model → candidate repairs compared.",
        subcommands = {Main.Plan.class, Main.Verify.class, Main.Phantom.class, Main.BenchCmd.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    @Option(names = "--dicom", description = "open this DICOM folder in the workstation instead of the sample case")
    Path dicom;

    @Option(names = "--seed", paramLabel = "X,Y,Z", description = "with --dicom: segment from this point (LPS mm) once loaded")
    String seed;

    @Option(names = "--compare", description = "once segmented, simulate the candidate repairs and show the comparison")
    boolean compare;

    /** PixelMed logs what it cannot read; our DICOM layer reports the same problems as errors, so its log is off. */
    static final java.util.logging.Logger PIXELMED_LOG = java.util.logging.Logger.getLogger("com.pixelmed");
    /** JavaFX warns that it runs from the class path, which is how Rehearse runs it on purpose. */
    static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

    /** Where the commands print; System.out unless a test gives another stream. */
    private PrintStream out = System.out;

    public static void main(String[] args) {
        int code = execute(System.out, System.err, args);
        System.exit(code);
    }

    /**
     * Runs one command line in this JVM and returns its exit code (0 success, 1 an output could not be written,
     * 2 bad input or arguments).
     */
    public static int execute(PrintStream out, PrintStream err, String... args) {
        Locale.setDefault(Locale.ROOT);
        PIXELMED_LOG.setLevel(java.util.logging.Level.OFF);
        JAVAFX_LOG.setLevel(java.util.logging.Level.SEVERE);
        Main main = new Main();
        main.out = out;
        CommandLine cl = new CommandLine(main);
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("rehearse: " + userMessage(e));
            if (System.getenv("REHEARSE_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            return e instanceof java.io.IOException && !(e instanceof org.rehearse.segmentation.dicom.DicomException)
                    && !(e instanceof org.rehearse.app.casefile.CaseFileException) ? 1 : 2;
        });
        return cl.execute(args);
    }

    static String userMessage(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "not enough memory for this series (" + e.getMessage() + "); close other programs or give Java more memory";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    @Override
    public Integer call() {
        DefaultCaseService service = new DefaultCaseService(AppPaths.sampleCacheDir());
        java.util.List<String> args = new java.util.ArrayList<>();
        if (dicom == null) {
            args.add(WorkstationApp.SAMPLE_OPTION);
        } else {
            args.add(WorkstationApp.DICOM_OPTION + dicom.toAbsolutePath());
            if (seed != null) {
                args.add(WorkstationApp.SEED_OPTION + seed);
            }
        }
        if (compare) {
            args.add(WorkstationApp.COMPARE_OPTION);
        }
        WorkstationApp.launch(service, args.toArray(new String[0]));
        return 0;
    }

    /** {@code rehearse plan}: the whole job, headless. */
    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = "Load a DICOM series, segment the aorta, build its surface, simulate the candidate repairs; "
                    + "write plan.json, segmentation.nii.gz, surface.stl and comparison.png into --out.")
    static final class Plan implements Callable<Integer> {
        @CommandLine.ParentCommand
        Main parent;
        @Option(names = "--dicom", required = true, description = "folder with the DICOM series (searched recursively)")
        Path dicom;
        @Option(names = "--series", description = "SeriesInstanceUID to use (default: the CT series with the most slices)")
        String series;
        @Option(names = "--seed", split = ",", arity = "1", paramLabel = "X,Y,Z",
                description = "a point in the aortic lumen, LPS mm (default: the bundled case's seed or an automatic guess)")
        double[] seed;
        @Option(names = "--out", required = true, description = "output folder")
        Path out;
        @Option(names = "--bp", defaultValue = "120/70", paramLabel = "SYS/DIA",
                description = "arm cuff blood pressure, mmHg (default ${DEFAULT-VALUE})")
        String bp;
        @Option(names = "--cardiac-output-l-min", defaultValue = "5.0", description = "cardiac output, L/min (default ${DEFAULT-VALUE})")
        double cardiacOutput;
        @Option(names = "--heart-rate-bpm", defaultValue = "70", description = "heart rate, beats/min (default ${DEFAULT-VALUE})")
        double heartRate;
        @Option(names = "--measured-gradient-mmhg", description = "a measured peak-to-peak gradient to calibrate to, mmHg (optional)")
        Double measuredGradient;
        @Option(names = "--samples", defaultValue = "200",
                description = "uncertainty samples per candidate, 0 for none (default ${DEFAULT-VALUE})")
        int samples;
        @Option(names = "--no-png", description = "do not render comparison.png")
        boolean noPng;
        @Option(names = "--candidates", paramLabel = "FILE.json",
                description = "candidates to simulate instead of the defaults: [{name, kind, parameters{…}}], as the workstation saves them")
        Path candidates;
        @Option(names = "--report", paramLabel = "PDF", description = "write the planning-conference report (PDF) there")
        Path report;
        @Option(names = "--anonymize", description = "leave the patient's identifiers out of the report")
        boolean anonymize;

        @Override
        public Integer call() throws Exception {
            if (seed != null && seed.length != 3) {
                throw new IllegalArgumentException("--seed needs three numbers X,Y,Z in LPS mm, got " + seed.length);
            }
            PatientMeasurements patient = new PatientMeasurements(parseBp(bp)[0], parseBp(bp)[1], cardiacOutput, heartRate,
                    measuredGradient == null ? Double.NaN : measuredGradient);
            if (samples < 0 || samples > 100000) {
                throw new IllegalArgumentException("--samples must be 0 … 100000, got " + samples);
            }
            new PlanJob(new PlanJob.Options(dicom, series, seed, out, patient, samples, !noPng,
                    AppPaths.sampleCacheDir(), candidates, report, anonymize), parent.out).run(Progress.NONE);
            return 0;
        }
    }

    /**
     * Parses "SYS/DIA" in mmHg.
     *
     * @throws IllegalArgumentException naming the value when it is not two numbers separated by a slash
     */
    static double[] parseBp(String bp) {
        String[] p = bp == null ? new String[0] : bp.trim().split("/");
        try {
            if (p.length == 2) return new double[] {Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim())};
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("--bp must be systolic/diastolic in mmHg, e.g. 120/70, got '" + bp + "'");
    }

    /** {@code rehearse verify}: the verification and validation cases of the hemodynamic models. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Run the verification and validation cases of the hemodynamic models and print, for each, the "
                    + "quantity, the reference, the model's value and the error; exit 1 when any case fails.")
    static final class Verify implements Callable<Integer> {
        @CommandLine.ParentCommand
        Main parent;
        @Option(names = "--data", description = "the shared data folder holding hemodynamics/ (default: ../shared/data "
                + "beside the project, or $REHEARSE_DATA)")
        Path data;

        @Override
        public Integer call() {
            Path root = data != null ? data : AppPaths.sharedDataDir();
            VerificationSuite.Report rep = VerificationSuite.run(root);
            PrintStream o = parent.out;
            o.printf(Locale.ROOT, "%-62s %-38s %12s %12s %12s %-30s %s%n", "case", "quantity", "reference", "value",
                    "error", "", "result");
            for (CaseResult r : rep.rows()) {
                o.printf(Locale.ROOT, "%-62s %-38s %12.5g %12.5g %12.4g %-30s %s%n", r.name(), r.quantity(), r.reference(),
                        r.value(), r.error(), r.errorUnit() + (Double.isNaN(r.tolerance()) ? "" : " (limit " + r.tolerance() + ")"),
                        Double.isNaN(r.tolerance()) ? "reported" : r.passed() ? "pass" : "FAIL");
            }
            for (String m : rep.missing()) o.println("not run: " + m);
            long failed = rep.rows().stream().filter(r -> !r.passed()).count();
            o.printf(Locale.ROOT, "%d cases, %d failed%s%n", rep.rows().size(), failed,
                    rep.missing().isEmpty() ? "" : ", " + rep.missing().size() + " not run (data missing)");
            return failed == 0 ? 0 : 1;
        }
    }

    /** {@code rehearse phantom}: write the coarctation phantom as DICOM plus its ground truth. */
    @Command(name = "phantom", description = "Write the coarctation phantom: DIR/dicom/*.dcm, DIR/truth.json, DIR/truth_mask.nii.gz. "
            + "Options: --out DIR [--stenosis 0.65] [--size 512x512x300] [--seed N]")
    static final class Phantom implements Callable<Integer> {
        @CommandLine.ParentCommand
        Main parent;
        @CommandLine.Unmatched
        java.util.List<String> args = new java.util.ArrayList<>();

        @Override
        public Integer call() {
            return PhantomCommand.run(args.toArray(new String[0]), parent.out);
        }
    }

    /** {@code rehearse bench}: time load, segmentation, mesh and simulation on a phantom. */
    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Time load, segmentation, surface and simulation on a phantom series; print medians.")
    static final class BenchCmd implements Callable<Integer> {
        @CommandLine.ParentCommand
        Main parent;
        @Option(names = "--size", defaultValue = "512x512x300", description = "columns x rows x slices (default ${DEFAULT-VALUE})")
        String size;
        @Option(names = "--repeats", defaultValue = "5", description = "timed runs after one warm-up (default ${DEFAULT-VALUE})")
        int repeats;
        @Option(names = "--samples", defaultValue = "0",
                description = "also time this many uncertainty samples per candidate (default ${DEFAULT-VALUE})")
        int samples;

        @Override
        public Integer call() throws Exception {
            String[] p = size.toLowerCase(Locale.ROOT).split("x");
            if (p.length != 3) {
                throw new IllegalArgumentException("--size must look like 512x512x300, got " + size);
            }
            PhantomSpec spec = PhantomSpec.defaults().withSize(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
            Bench.run(spec, repeats, samples, parent.out);
            return 0;
        }
    }
}
