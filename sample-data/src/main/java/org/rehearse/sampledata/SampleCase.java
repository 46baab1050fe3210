package org.rehearse.sampledata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.rehearse.segmentation.Progress;

/**
 * The bundled sample case: the default coarctation phantom (stenosis 0.65, 512 × 512 × 300), generated once into a
 * cache folder and reused afterwards.
 *
 * <p>Layout: {@code cacheDir/<name>/} holds what {@link PhantomWriter} writes plus a marker file
 * {@value #MARKER} naming the generator version and the spec; a case whose marker does not match (older generator,
 * interrupted run) is regenerated. Generation writes into a temporary sibling folder that is renamed into place only
 * when complete, so a killed run never leaves a half-written case under the final name (a leftover temporary
 * {@code .tmp-*} folder may remain and can be deleted).
 */
public final class SampleCase {
    /** Marker file written last into a complete case. */
    public static final String MARKER = "COMPLETE";

    private final Path dir;
    private final double[] seedLpsMm, throatLpsMm;
    private final double minDiameterMm, referenceDiameterMm, stenosisPercent;

    private SampleCase(Path dir, double[] seedLpsMm, double[] throatLpsMm, double minDiameterMm,
                       double referenceDiameterMm, double stenosisPercent) {
        this.dir = dir;
        this.seedLpsMm = seedLpsMm;
        this.throatLpsMm = throatLpsMm;
        this.minDiameterMm = minDiameterMm;
        this.referenceDiameterMm = referenceDiameterMm;
        this.stenosisPercent = stenosisPercent;
    }

    /**
     * The default sample case (spec {@link PhantomSpec#defaults()}), generated into {@code cacheDir} when missing or
     * stale. Generation at the default size takes a few seconds plus the DICOM writing.
     *
     * @param cacheDir folder for cached cases, created when missing
     * @param progress progress and cancellation of the generation (not called when the case is cached)
     * @return the case
     * @throws IOException when the case cannot be written or its truth cannot be read
     */
    public static SampleCase ensure(Path cacheDir, Progress progress) throws IOException {
        return ensure(cacheDir, PhantomSpec.defaults(), progress);
    }

    /**
     * A sample case for any spec (e.g. a small one for tests), cached under a folder name derived from the spec.
     *
     * @see #ensure(Path, Progress)
     */
    public static SampleCase ensure(Path cacheDir, PhantomSpec spec, Progress progress) throws IOException {
        Files.createDirectories(cacheDir);
        String name = folderName(spec);
        Path target = cacheDir.resolve(name);
        String marker = markerText(spec);
        if (isComplete(target, marker)) {
            return load(target);
        }
        Path tmp = Files.createTempDirectory(cacheDir, ".tmp-" + name + "-");
        try {
            Phantom phantom = PhantomGenerator.generate(spec, progress.sub(0, 0.5));
            PhantomWriter.write(phantom, tmp, progress.sub(0.5, 1));
            Files.writeString(tmp.resolve(MARKER), marker, StandardCharsets.UTF_8);
            if (Files.exists(target)) { // stale or incomplete: move it aside, then delete
                Path old = Files.createTempDirectory(cacheDir, ".old-" + name + "-");
                Files.move(target, old.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                deleteRecursively(old);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot rename " + tmp + " to " + target + " atomically: " + e.getMessage(), e);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                if (!isComplete(target, marker)) { // another process won the race with something else
                    throw new IOException("cannot place the sample case at " + target + ": the folder exists and is incomplete", e);
                }
            }
        } finally {
            if (Files.exists(tmp)) {
                deleteRecursively(tmp);
            }
        }
        return load(target);
    }

    /**
     * Reads a case written by {@link PhantomWriter} (its {@code truth.json}).
     *
     * @param caseDir the case folder
     * @throws IOException when truth.json is missing or lacks a field
     */
    public static SampleCase load(Path caseDir) throws IOException {
        Path json = caseDir.resolve(PhantomWriter.TRUTH_JSON);
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        return new SampleCase(caseDir, triple(root, "seed_lps_mm", json), triple(root, "throat_position_lps_mm", json),
                number(root, "min_diameter_mm", json), number(root, "reference_diameter_mm", json),
                number(root, "stenosis_percent", json));
    }

    private static double[] triple(JsonNode root, String field, Path file) throws IOException {
        JsonNode n = root.get(field);
        if (n == null || !n.isArray() || n.size() != 3) {
            throw new IOException(file + ": field \"" + field + "\" must be an array of 3 numbers");
        }
        return new double[] {n.get(0).asDouble(), n.get(1).asDouble(), n.get(2).asDouble()};
    }

    private static double number(JsonNode root, String field, Path file) throws IOException {
        JsonNode n = root.get(field);
        if (n == null || !n.isNumber()) {
            throw new IOException(file + ": field \"" + field + "\" is missing or not a number");
        }
        return n.asDouble();
    }

    private static boolean isComplete(Path dir, String marker) throws IOException {
        Path m = dir.resolve(MARKER);
        return Files.isRegularFile(m) && Files.readString(m, StandardCharsets.UTF_8).equals(marker);
    }

    static String folderName(PhantomSpec spec) {
        PhantomSpec d = PhantomSpec.defaults();
        if (spec.equals(d)) {
            return "coarctation-phantom";
        }
        return String.format(Locale.ROOT, "coarctation-phantom-%s-%dx%dx%d-n%s-b%s-s%d", fmt(spec.stenosisFraction()),
                spec.columns(), spec.rows(), spec.slices(), fmt(spec.noiseSigmaHu()), fmt(spec.blurSigmaMm()), spec.seed());
    }

    private static String fmt(double v) {
        return Double.toString(v).replace('-', 'm');
    }

    private static String markerText(PhantomSpec spec) {
        return "generator_version=" + PhantomGenerator.VERSION + "\nspec=" + spec + "\n";
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** @return the case folder */
    public Path dir() { return dir; }
    /** @return the folder of the DICOM series */
    public Path dicomDir() { return dir.resolve(PhantomWriter.DICOM_DIR); }
    /** @return the truth JSON file */
    public Path truthJson() { return dir.resolve(PhantomWriter.TRUTH_JSON); }
    /** @return the truth lumen mask (NIfTI-1, gzip) */
    public Path truthMask() { return dir.resolve(PhantomWriter.TRUTH_MASK); }
    /** @return a copy of the seed point in the descending aorta lumen, LPS mm */
    public double[] seedLpsMm() { return seedLpsMm.clone(); }
    /** @return a copy of the throat position, LPS mm */
    public double[] throatLpsMm() { return throatLpsMm.clone(); }
    /** @return the truth minimal lumen diameter, mm */
    public double minDiameterMm() { return minDiameterMm; }
    /** @return the truth reference (descending) diameter, mm */
    public double referenceDiameterMm() { return referenceDiameterMm; }
    /** @return the truth stenosis, percent of the reference diameter */
    public double stenosisPercent() { return stenosisPercent; }
}
