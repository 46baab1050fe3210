package org.rehearse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's answers to bad input: one clear line, exit code 2, no stack trace, nothing half-written. */
class MainCommandLineTest {

    record Result(int code, String out, String err) { }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.execute(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static void assertClearError(Result r, String... mustContain) {
        assertEquals(2, r.code(), "exit code; stderr: " + r.err());
        for (String s : mustContain) {
            assertTrue(r.err().contains(s), "message names '" + s + "': " + r.err());
        }
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void missingFolder(@TempDir Path tmp) {
        Path missing = tmp.resolve("no-such-folder");
        assertClearError(run("plan", "--dicom", missing.toString(), "--out", tmp.resolve("out").toString(), "--no-png"),
                "no-such-folder");
    }

    @Test
    void emptyFolder(@TempDir Path tmp) throws Exception {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        Result r = run("plan", "--dicom", empty.toString(), "--out", tmp.resolve("out").toString(), "--no-png");
        assertClearError(r, "empty");
        assertFalse(Files.exists(tmp.resolve("out/plan.json")), "no plan.json for a failed plan");
    }

    @Test
    void folderWithoutDicom(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("notes.txt"), "not an image");
        assertClearError(run("plan", "--dicom", tmp.toString(), "--out", tmp.resolve("out").toString(), "--no-png"),
                "notes.txt");
    }

    @Test
    void seedWithTwoNumbers(@TempDir Path tmp) {
        assertClearError(run("plan", "--dicom", tmp.toString(), "--seed", "1,2", "--out", tmp.resolve("o").toString()),
                "--seed");
    }

    @Test
    void seedOutsideTheImage(@TempDir Path tmp) {
        Path dicom = Path.of(System.getProperty("rehearse.shared.data", "../shared/data"), "aorta-cta", "dicom");
        assumeTrue(Files.isDirectory(dicom));
        Result r = run("plan", "--dicom", dicom.toString(), "--seed", "0,0,-5000", "--out", tmp.resolve("o").toString(), "--no-png");
        assertClearError(r, "seed", "outside the image", "-5000");
    }

    @Test
    void seedInAir(@TempDir Path tmp) {
        Path dicom = Path.of(System.getProperty("rehearse.shared.data", "../shared/data"), "aorta-cta", "dicom");
        assumeTrue(Files.isDirectory(dicom));
        // voxel (2, 2, 80): outside the body
        Result r = run("plan", "--dicom", dicom.toString(), "--seed", "-68.66,-252.66,660.2", "--out", tmp.resolve("o").toString(), "--no-png");
        assertClearError(r, "seed");
    }

    @Test
    void impossiblePhantomParameters(@TempDir Path tmp) {
        Result r = run("phantom", "--out", tmp.toString(), "--stenosis", "0.95");
        assertEquals(2, r.code());
        assertTrue((r.out() + r.err()).contains("0.95"), r.out() + r.err());
    }

    @Test
    void impossibleCardiacOutput(@TempDir Path tmp) {
        Path dicom = Path.of(System.getProperty("rehearse.shared.data", "../shared/data"), "aorta-cta", "dicom");
        assumeTrue(Files.isDirectory(dicom));
        assertClearError(run("plan", "--dicom", dicom.toString(), "--cardiac-output-l-min", "90", "--out", tmp.toString(), "--no-png"),
                "90");
    }

    @Test
    void impossibleMeasurementsAreNamedBeforeAnyWork(@TempDir Path tmp) {
        String out = tmp.resolve("out").toString();
        assertClearError(run("plan", "--dicom", tmp.toString(), "--bp", "70/120", "--out", out), "diastolic", "120");
        assertClearError(run("plan", "--dicom", tmp.toString(), "--bp", "high", "--out", out), "--bp", "high");
        assertClearError(run("plan", "--dicom", tmp.toString(), "--heart-rate-bpm", "400", "--out", out), "heart rate", "400");
        assertClearError(run("plan", "--dicom", tmp.toString(), "--samples", "-1", "--out", out), "--samples", "-1");
        assertClearError(run("plan", "--dicom", tmp.toString(), "--measured-gradient-mmhg", "-5", "--out", out),
                "measured gradient");
        assertFalse(Files.exists(tmp.resolve("out/plan.json")));
    }

    @Test
    void verifyRunsEveryCaseAndPasses() {
        Path data = Path.of(System.getProperty("rehearse.shared.data", "../shared/data"));
        assumeTrue(Files.isDirectory(data.resolve("hemodynamics")));
        Result r = run("verify", "--data", data.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        for (String s : new String[] {"Poiseuille", "wave speed", "order of convergence", "mass conservation",
                "periodic state", "openBF ibif", "FDA nozzle, Re 500", "FDA nozzle, Re 2000", "0 failed"}) {
            assertTrue(r.out().contains(s), s + " in: " + r.out());
        }
    }

    @Test
    void aBadCandidatesFileIsNamedBeforeAnyWork(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("cands.json");
        Files.writeString(file, "[{\"name\": \"x\", \"kind\": \"laser\"}]");
        assertClearError(run("plan", "--dicom", tmp.toString(), "--candidates", file.toString(), "--out",
                tmp.resolve("out").toString()), "cands.json", "laser");
        assertFalse(Files.exists(tmp.resolve("out/plan.json")));
    }

    @Test
    void aSeriesWithoutAModellableAortaEndsWithAMessage(@TempDir Path tmp) {
        // the JPEG 2000 CT holds no aorta the model can be calibrated on: one clear line, exit 2, no plan.json
        Path dicom = Path.of(System.getProperty("rehearse.shared.data", "../shared/data"), "ct-jpeg2000");
        assumeTrue(Files.isDirectory(dicom));
        Result r = run("plan", "--dicom", dicom.toString(), "--samples", "0", "--no-png", "--out", tmp.resolve("o").toString());
        assertClearError(r, "rehearse: ");
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(Files.exists(tmp.resolve("o/plan.json")));
    }
}
