package org.rehearse.app.casefile;

import org.rehearse.simulation.pulsatile.PatientMeasurements;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.dicom.DicomFolderScanner;
import org.rehearse.segmentation.dicom.DicomScanResult;
import org.rehearse.segmentation.dicom.DicomSeries;
import org.rehearse.segmentation.dicom.DicomSeriesWriter;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.image.Volume;
import org.rehearse.simulation.repair.StentRepair;

/** Save → reopen of a case folder on a small DICOM series written for the test, and the series checks on reopening. */
class CaseFolderTest {
    @TempDir
    Path tmp;

    Path dicom;
    ImageGeometry grid;
    DicomScanResult scan;
    DicomSeries series;

    @BeforeEach
    void writeSeries() throws Exception {
        dicom = tmp.resolve("dicom");
        grid = ImageGeometry.axial(12, 10, 5, new double[] {0.8, 0.8, 2.0}, new double[] {-20, -30, 100});
        short[] hu = new short[(int) grid.voxelCount()];
        for (int n = 0; n < hu.length; n++) {
            hu[n] = (short) (n % 400 - 100);
        }
        DicomSeriesWriter.write(new Volume(grid, hu, "CT"), dicom,
                new DicomSeriesWriter.Metadata("Test^Patient", "ID42", "test study", "CTA test", "case-folder-test"), Progress.NONE);
        scan = new DicomFolderScanner().scan(dicom, Progress.NONE);
        series = scan.series().get(0);
    }

    private CaseFile plan() throws Exception {
        Map<String, Map<String, Double>> results = new LinkedHashMap<>();
        results.put("native", Map.of("peak_gradient_mmHg", 38.25));
        Map<String, Double> stent = new LinkedHashMap<>();
        stent.put("peak_gradient_mmHg", 6.5);
        stent.put("peak_gradient_ci95_low_mmHg", 4.0);
        results.put("stent 18", stent);
        return CaseFile.create("0.1.0", SeriesReference.of(scan, series), new double[] {-2.5, -26.75, 104.0},
                new PatientMeasurements(150, 80, 5.2, 72, 32.0),
                List.of(new CandidateSpec("native", "native", Map.of()),
                        CandidateSpec.of("stent 18", new StentRepair(60, 25, 18, 95)),
                        new CandidateSpec("balloon", "balloon", Map.of("recoilPercent", 25.0))),
                results);
    }

    private LabelMap labels() {
        LabelMap m = new LabelMap(grid);
        m.set(3, 4, 2, 1);
        m.set(4, 4, 2, 1);
        m.set(5, 5, 3, 1);
        return m;
    }

    @Test
    void saveThenReopenGivesTheSameCaseAndLabelMap() throws Exception {
        Path folder = tmp.resolve("case");
        CaseFile saved = CaseFolder.save(folder, plan(), labels(), "0.1.0");
        assertTrue(Files.isRegularFile(folder.resolve(CaseFolder.CASE_FILE)));
        assertTrue(Files.isRegularFile(folder.resolve(CaseFolder.SEGMENTATION_FILE)));
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(2, files.count(), "no temporary file left behind");
        }

        CaseFolder.Opened opened = CaseFolder.open(folder);
        assertEquals(saved, opened.plan());
        assertArrayEquals(labels().labels(), opened.segmentation().labels());
        assertTrue(opened.segmentation().geometry().sameGrid(grid, 1e-4));
        assertEquals(32.0, opened.plan().patient().measuredGradientMmHg());
        assertEquals(List.of("positionMm", "lengthMm", "diameterMm", "expansionPercent"),
                List.copyOf(opened.plan().candidates().get(1).parameters().keySet()));

        DicomSeries again = CaseFolder.openSeries(opened, null, Progress.NONE);
        assertEquals(series.seriesInstanceUid(), again.seriesInstanceUid());
        assertEquals(5, opened.plan().series().slices());
        assertEquals("CTA test", opened.plan().series().description());
    }

    @Test
    void savingAgainKeepsCreatedAndMovesModified() throws Exception {
        Path folder = tmp.resolve("case");
        CaseFile first = CaseFolder.save(folder, plan(), labels(), "0.1.0");
        Thread.sleep(5);
        CaseFile second = CaseFolder.save(folder, CaseFolder.open(folder).plan().withSeed(new double[] {1, 2, 3}), null, "0.2.0");
        CaseFolder.Opened opened = CaseFolder.open(folder);
        assertEquals(first.created(), opened.plan().created());
        assertTrue(opened.plan().modified().isAfter(first.modified()));
        assertEquals(second, opened.plan());
        assertEquals("0.2.0", opened.plan().appVersion());
        assertNull(opened.segmentation(), "saved without a label map");
        assertFalse(Files.exists(folder.resolve(CaseFolder.SEGMENTATION_FILE)));
    }

    @Test
    void aMovedDicomFolderIsFoundWhenItsNewPlaceIsGiven() throws Exception {
        Path folder = tmp.resolve("case");
        CaseFolder.save(folder, plan(), labels(), "0.1.0");
        Path moved = tmp.resolve("elsewhere");
        Files.move(dicom, moved);
        CaseFolder.Opened opened = CaseFolder.open(folder);
        CaseFileException e = assertThrows(CaseFileException.class, () -> CaseFolder.openSeries(opened, null, Progress.NONE));
        assertTrue(e.getMessage().startsWith(folder.resolve("case.json").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertEquals(series.seriesInstanceUid(), CaseFolder.openSeries(opened, moved, Progress.NONE).seriesInstanceUid());
    }

    @Test
    void aChangedSeriesIsRefusedNamingWhatChanged() throws Exception {
        Path folder = tmp.resolve("case");
        CaseFolder.save(folder, plan(), labels(), "0.1.0");
        CaseFolder.Opened opened = CaseFolder.open(folder);

        // one slice fewer
        Path last;
        try (Stream<Path> files = Files.list(dicom)) {
            last = files.sorted().reduce((a, b) -> b).orElseThrow();
        }
        byte[] kept = Files.readAllBytes(last);
        Files.delete(last);
        CaseFileException fewer = assertThrows(CaseFileException.class, () -> CaseFolder.openSeries(opened, null, Progress.NONE));
        assertTrue(fewer.getMessage().contains("4 image files now, 5 when the case was saved"), fewer.getMessage());
        assertEquals(folder.resolve("case.json"), fewer.file());

        // same number of files, one renamed: the fingerprint differs
        Files.write(last.resolveSibling("renamed.dcm"), kept);
        CaseFileException renamed = assertThrows(CaseFileException.class, () -> CaseFolder.openSeries(opened, null, Progress.NONE));
        assertTrue(renamed.getMessage().contains("have changed since the case was saved"), renamed.getMessage());
        assertTrue(renamed.getMessage().contains(opened.plan().series().fingerprint()), renamed.getMessage());
    }

    @Test
    void anotherSeriesInTheFolderIsNotTakenForTheCasesOne() throws Exception {
        Path folder = tmp.resolve("case");
        SeriesReference ref = SeriesReference.of(scan, series);
        SeriesReference other = new SeriesReference(ref.dicomFolder(), "1.2.3.4.5", ref.slices(), ref.fingerprint(),
                ref.description(), ref.modality());
        CaseFile p = plan();
        CaseFolder.save(folder, new CaseFile(p.formatVersion(), p.appVersion(), other, p.seedLpsMm(), p.patient(),
                p.candidates(), p.results(), p.created(), p.modified()), null, "0.1.0");
        CaseFolder.Opened opened = CaseFolder.open(folder);
        CaseFileException e = assertThrows(CaseFileException.class, () -> CaseFolder.openSeries(opened, null, Progress.NONE));
        assertTrue(e.getMessage().contains("series 1.2.3.4.5"), e.getMessage());
        assertTrue(e.getMessage().contains("is not in the DICOM folder"), e.getMessage());
        assertTrue(e.getMessage().contains(series.seriesInstanceUid()), "lists the series found: " + e.getMessage());
    }

    @Test
    void fingerprintIgnoresWhereTheFolderIsButNotItsFiles() throws Exception {
        String before = SeriesReference.fingerprint(dicom, series);
        Path moved = tmp.resolve("moved");
        Files.move(dicom, moved);
        DicomScanResult rescanned = new DicomFolderScanner().scan(moved, Progress.NONE);
        assertEquals(before, SeriesReference.fingerprint(moved, rescanned.series().get(0)));
        Path any;
        try (Stream<Path> files = Files.list(moved)) {
            any = files.findFirst().orElseThrow();
        }
        Files.write(any, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
        assertNotEquals(before, SeriesReference.fingerprint(moved, rescanned.series().get(0)));
    }

    @Test
    void brokenCaseFilesAreReportedWithTheirName() throws Exception {
        Path folder = tmp.resolve("case");
        CaseFolder.save(folder, plan(), labels(), "0.1.0");
        Path json = folder.resolve("case.json");
        String good = Files.readString(json);

        Files.writeString(json, good.replace("\"format_version\" : 1", "\"format_version\" : 7"));
        CaseFileException newer = assertThrows(CaseFileException.class, () -> CaseFolder.open(folder));
        assertTrue(newer.getMessage().startsWith(json.toString()) && newer.getMessage().contains("format version 7"), newer.getMessage());

        Files.writeString(json, good.replace("\"kind\" : \"balloon\"", "\"kind\" : \"bypass\""));
        CaseFileException kind = assertThrows(CaseFileException.class, () -> CaseFolder.open(folder));
        assertTrue(kind.getMessage().contains("candidate 3 'balloon': unknown kind 'bypass'"), kind.getMessage());

        Files.writeString(json, good.replace("\"heart_rate_bpm\" : 72.0", "\"heart_rate_bpm\" : 7200.0"));
        CaseFileException hr = assertThrows(CaseFileException.class, () -> CaseFolder.open(folder));
        assertTrue(hr.getMessage().contains("heart rate 7200 bpm is outside the range 30–220 bpm"), hr.getMessage());

        Files.writeString(json, good);
        Files.delete(folder.resolve(CaseFolder.SEGMENTATION_FILE));
        CaseFileException seg = assertThrows(CaseFileException.class, () -> CaseFolder.open(folder));
        assertTrue(seg.getMessage().contains("segmentation.nii.gz is missing"), seg.getMessage());

        CaseFileException none = assertThrows(CaseFileException.class, () -> CaseFolder.open(tmp.resolve("nowhere")));
        assertTrue(none.getMessage().contains("no such case folder"), none.getMessage());
    }
}
