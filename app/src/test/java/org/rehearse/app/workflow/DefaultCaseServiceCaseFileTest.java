package org.rehearse.app.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import org.rehearse.app.casefile.CandidateSpec;
import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.dicom.DicomSeriesWriter;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.image.Volume;
import org.rehearse.simulation.pulsatile.PatientMeasurements;
import org.rehearse.simulation.repair.StentRepair;

/**
 * Saving and reopening a case through the workstation's service: the round trip keeps series, seed, patient,
 * candidates and label map; a changed or missing series is refused with a message, never guessed.
 */
class DefaultCaseServiceCaseFileTest {
    @TempDir
    Path tmp;
    Path dicom;
    ImageGeometry grid;
    DefaultCaseService service;
    String uid;

    @BeforeEach
    void writeSeries() throws Exception {
        dicom = tmp.resolve("dicom");
        grid = ImageGeometry.axial(16, 16, 8, new double[] {1, 1, 2}, new double[] {-8, -8, 100});
        short[] hu = new short[(int) grid.voxelCount()];
        for (int n = 0; n < hu.length; n++) {
            hu[n] = (short) (n % 300 - 100);
        }
        DicomSeriesWriter.write(new Volume(grid, hu, "CT"), dicom,
                new DicomSeriesWriter.Metadata("Test^Patient", "ID7", "test study", "CTA test", "service-case-test"),
                Progress.NONE);
        service = new DefaultCaseService(tmp.resolve("sample"));
        uid = service.scanFolder(dicom, Progress.NONE).get(0).uid();
        service.loadSeries(dicom, uid, Progress.NONE);
    }

    private LabelMap labels() {
        LabelMap m = new LabelMap(grid);
        for (int k = 2; k < 6; k++) {
            for (int j = 5; j < 11; j++) {
                for (int i = 5; i < 11; i++) {
                    m.set(i, j, k, 1);
                }
            }
        }
        return m;
    }

    private CaseState state() {
        Map<String, Map<String, Double>> results = new LinkedHashMap<>();
        Map<String, Double> stent = new LinkedHashMap<>();
        stent.put("Peak-to-peak gradient (mmHg)", 6.5);
        stent.put("95 % low (mmHg)", Double.NaN); // not computed: left out on saving
        results.put("Stent 18 mm", stent);
        return new CaseState(dicom, uid, new double[] {0.5, -1.5, 106}, new PatientMeasurements(140, 75, 4.8, 68, Double.NaN),
                List.of(new CandidateSpec("Native", "native", Map.of()),
                        CandidateSpec.of("Stent 18 mm", new StentRepair(60, 25, 18, 95))),
                results, labels());
    }

    @Test
    void saveThenOpenRestoresTheCase() throws Exception {
        Path caseDir = tmp.resolve("case");
        service.saveCase(caseDir, state(), Progress.NONE);
        assertTrue(Files.isRegularFile(caseDir.resolve("case.json")));
        String json = Files.readString(caseDir.resolve("case.json"));
        assertTrue(json.contains("Stent 18 mm") && json.contains("6.5") && !json.contains("95 % low"), json);

        OpenedCase opened = new DefaultCaseService(tmp.resolve("sample")).openCase(caseDir, null, Progress.NONE);
        assertEquals(uid, opened.seriesUid());
        assertEquals(grid.columns(), opened.image().volume().geometry().columns());
        assertArrayEquals(new double[] {0.5, -1.5, 106}, opened.seedLps(), 0);
        assertEquals(140, opened.patient().systolicMmHg());
        assertTrue(Double.isNaN(opened.patient().measuredGradientMmHg()));
        assertEquals(List.of("Native", "Stent 18 mm"), opened.candidates().stream().map(CandidateSpec::name).toList());
        assertEquals(18.0, opened.candidates().get(1).parameters().get("diameterMm"));
        assertNotNull(opened.segmentation());
        assertEquals(labels().volumeMl(), opened.segmentation().mask().volumeMl(), 1e-9);
        assertTrue(opened.segmentation().surface().triangleCount() > 0);
    }

    @Test
    void aChangedOrMissingSeriesIsReportedNotGuessed() throws Exception {
        Path caseDir = tmp.resolve("case");
        service.saveCase(caseDir, state(), Progress.NONE);
        Path last;
        try (Stream<Path> files = Files.list(dicom)) {
            last = files.sorted().reduce((a, b) -> b).orElseThrow();
        }
        Files.delete(last);
        CaseException changed = assertThrows(CaseException.class, () -> service.openCase(caseDir, null, Progress.NONE));
        assertTrue(changed.getMessage().contains("case.json"), changed.getMessage());
        assertTrue(changed.getMessage().contains("when the case was saved"), changed.getMessage());

        Files.move(dicom, tmp.resolve("elsewhere"));
        CaseException missing = assertThrows(CaseException.class, () -> service.openCase(caseDir, null, Progress.NONE));
        assertTrue(missing.getMessage().contains("does not exist any more"), missing.getMessage());
    }

    @Test
    void candidateCheckAndDefaultsNeedTheLesion() {
        CaseException e = assertThrows(CaseException.class, () -> service.newCandidate("stent", "Stent 2"));
        assertTrue(e.getMessage().contains("Compare repairs"), e.getMessage());
        // without a vessel, a candidate is checked for its kind and parameter names only (a case file may leave
        // parameters to the lesion's defaults)
        assertEquals(null, service.checkCandidate(CandidateSpec.of("s", new StentRepair(60, 25, 18, 95))));
        assertEquals(null, service.checkCandidate(new CandidateSpec("s", "stent", Map.of("diameterMm", 18.0))));
        assertTrue(service.checkCandidate(new CandidateSpec("s", "stent", Map.of("widthMm", 18.0))).contains("widthMm"));
        assertTrue(service.checkCandidate(new CandidateSpec("s", "laser", Map.of())).contains("unknown repair kind"));
    }
}
