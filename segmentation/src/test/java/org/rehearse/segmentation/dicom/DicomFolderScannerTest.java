package org.rehearse.segmentation.dicom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DicomFolderScannerTest {
    private final DicomFolderScanner scanner = new DicomFolderScanner();

    @Test
    void aortaFolderIsOneCtSeries() throws Exception {
        DicomScanResult r = scanner.scan(DicomTestData.aorta(), org.rehearse.segmentation.Progress.NONE);
        assertEquals(1, r.series().size());
        assertEquals(List.of(), r.skipped());
        DicomSeries s = r.series().get(0);
        assertEquals(164, s.size());
        assertEquals("CT", s.modality());
        DicomScanResult.Choice c = r.defaultSeries().orElseThrow();
        assertEquals(s, c.series());
        assertTrue(c.reason().contains("the only CT series"), c.reason());
    }

    @Test
    void folderWithTwoSeriesReturnsBothAndPicksTheLargerCt(@TempDir Path tmp) throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a")), b = Files.createDirectories(tmp.resolve("b/deeper"));
        copy(DicomTestData.aorta(), a, 12);
        copy(DicomTestData.shared("ct-jpeg2000"), b, 5);
        Files.writeString(tmp.resolve("notes.txt"), "not DICOM\n");
        DicomScanResult r = scanner.scan(tmp, org.rehearse.segmentation.Progress.NONE);
        assertEquals(2, r.series().size());
        assertEquals(12, r.series().get(0).size());
        assertEquals(5, r.series().get(1).size());
        assertEquals(1, r.skipped().size());
        assertEquals("notes.txt", r.skipped().get(0).file().getFileName().toString());
        assertTrue(r.skipped().get(0).reason().contains("not a DICOM file"), r.skipped().get(0).reason());
        DicomScanResult.Choice c = r.defaultSeries().orElseThrow();
        assertEquals(r.series().get(0), c.series());
        assertTrue(c.reason().contains("the CT series with the most slices") && c.reason().contains("2 series found"), c.reason());
    }

    @Test
    void emptyFolderIsAnError(@TempDir Path tmp) {
        DicomException e = assertThrows(DicomException.class, () -> scanner.scan(tmp, org.rehearse.segmentation.Progress.NONE));
        assertTrue(e.getMessage().contains(tmp.toString()) && e.getMessage().contains("is empty"), e.getMessage());
    }

    @Test
    void missingFolderIsAnError(@TempDir Path tmp) {
        Path gone = tmp.resolve("gone");
        DicomException e = assertThrows(DicomException.class, () -> scanner.scan(gone, org.rehearse.segmentation.Progress.NONE));
        assertTrue(e.getMessage().contains(gone.toString()) && e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void folderWithoutDicomIsAnErrorThatGivesTheReasons(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("x.txt"), "hello\n");
        Files.write(tmp.resolve("zeros.dcm"), new byte[4096]);
        DicomException e = assertThrows(DicomException.class, () -> scanner.scan(tmp, org.rehearse.segmentation.Progress.NONE));
        assertTrue(e.getMessage().startsWith("no DICOM image found in " + tmp), e.getMessage());
        assertTrue(e.getMessage().contains("x.txt: not a DICOM file"), e.getMessage());
        assertTrue(e.getMessage().contains("zeros.dcm: not a DICOM file"), e.getMessage());
    }

    @Test
    void seriesWithoutSeriesUidAreGroupedByTheirOtherAttributes() throws Exception {
        // the JPEG 2000 CT files have an empty Series Instance UID (anonymised)
        DicomScanResult r = scanner.scan(DicomTestData.shared("ct-jpeg2000"), org.rehearse.segmentation.Progress.NONE);
        assertEquals(1, r.series().size());
        assertEquals(20, r.series().get(0).size());
        assertTrue(r.series().get(0).label().startsWith("unidentified series"), r.series().get(0).label());
    }

    static void copy(Path from, Path to, int count) throws Exception {
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.filter(p -> !p.getFileName().toString().startsWith("LICENSE")).sorted().limit(count).toList()) {
                Files.copy(p, to.resolve(p.getFileName()));
            }
        }
    }
}
