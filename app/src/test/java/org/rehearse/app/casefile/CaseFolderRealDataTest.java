package org.rehearse.app.casefile;

import org.rehearse.simulation.pulsatile.PatientMeasurements;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.dicom.DicomFolderScanner;
import org.rehearse.segmentation.dicom.DicomScanResult;
import org.rehearse.segmentation.dicom.DicomSeries;
import org.rehearse.segmentation.dicom.SeriesLoader;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.image.Volume;
import org.rehearse.segmentation.nifti.NiftiLabelIo;

/**
 * A case folder over the real CT angiography of the shared data (164 slices) with its aorta label map: saved, reopened
 * and its series found again and checked. The shared data is only read.
 */
class CaseFolderRealDataTest {
    @TempDir
    Path tmp;

    @Test
    void realSeriesAndLabelMapRoundTrip() throws Exception {
        String shared = System.getProperty("rehearse.shared.data");
        assumeTrue(shared != null && Files.isDirectory(Path.of(shared, "aorta-cta", "dicom")), "shared data not present");
        Path dicom = Path.of(shared, "aorta-cta", "dicom");
        LabelMap aorta = NiftiLabelIo.read(Path.of(shared, "aorta-cta", "labels", "aorta.nii.gz"));

        DicomScanResult scan = new DicomFolderScanner().scan(dicom, Progress.NONE);
        DicomSeries series = scan.defaultSeries().orElseThrow().series();
        SeriesReference ref = SeriesReference.of(scan, series);
        assertEquals(164, ref.slices());
        assertTrue(ref.fingerprint().matches("sha256:[0-9a-f]{64}"), ref.fingerprint());

        CaseFile plan = CaseFile.create("0.1.0", ref, new double[] {-2.7, -146.2, 577.7},
                new PatientMeasurements(128, 70, 5.0, 70, Double.NaN), List.of(new CandidateSpec("native", "native", Map.of())),
                Map.of("native", Map.of("peak_gradient_mmHg", 3.2)));
        Path folder = tmp.resolve("real case");
        CaseFile saved = CaseFolder.save(folder, plan, aorta, "0.1.0");

        CaseFolder.Opened opened = CaseFolder.open(folder);
        assertEquals(saved, opened.plan());
        assertArrayEquals(aorta.labels(), opened.segmentation().labels());
        DicomSeries again = CaseFolder.openSeries(opened, null, Progress.NONE);
        Volume ct = new SeriesLoader().load(again, Progress.NONE).volume();
        assertTrue(opened.segmentation().geometry().sameGrid(ct.geometry(), 1e-3),
                "the reopened label map lies on the reopened series' grid");
        assertEquals(aorta.countNonZero(), opened.segmentation().countNonZero());
    }
}
