package org.rehearse.segmentation.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DecimalStringAttribute;
import com.pixelmed.dicom.TagFromName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.Volume;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeriesLoaderTest {
    private final DicomFolderScanner scanner = new DicomFolderScanner();
    private final SeriesLoader loader = new SeriesLoader();
    private final PixelMedCodec codec = new PixelMedCodec();

    @Test
    void aortaCtaLoadsWithTheRightGridAndValues() throws Exception {
        DicomSeries series = scanner.scan(DicomTestData.aorta(), Progress.NONE).series().get(0);
        LoadedSeries loaded = loader.load(series, Progress.NONE);
        assertEquals(List.of(), loaded.warnings());
        Volume v = loaded.volume();
        ImageGeometry g = v.geometry();
        assertEquals(120, g.columns());
        assertEquals(126, g.rows());
        assertEquals(164, g.slices());
        assertArrayEquals(new double[] {1.5, 1.5, 1.5}, g.spacingMm(), 1e-6);
        assertEquals("CT", v.modality());

        // every file's first pixel lies at its Image Position (Patient), and its values are stored − 1024
        for (DicomHeader h : series.headers()) {
            double[] ipp = h.imagePositionPatient();
            double[] ijk = g.lpsToIndex(ipp, null);
            assertEquals(0, ijk[0], 1e-6, h.toString());
            assertEquals(0, ijk[1], 1e-6, h.toString());
            int k = (int) Math.round(ijk[2]);
            assertEquals(k, ijk[2], 1e-6, h.toString());
            assertArrayEquals(ipp, g.indexToLps(new double[] {0, 0, k}, null), 1e-6);
            if (h.file().getFileName().toString().equals("IM0026.dcm")) {
                int[] stored = codec.decodeFrame(h, 0);
                for (int i = 0; i < stored.length; i += 97) {
                    assertEquals(stored[i] - 1024, v.get(i % 120, i / 120, k));
                }
            }
        }

        // the documented true-lumen point lies in slice IM0026 and is bright
        double[] point = {-2.7, -146.2, 577.7};
        double[] ijk = g.lpsToIndex(point, null);
        int i = (int) Math.round(ijk[0]), j = (int) Math.round(ijk[1]), k = (int) Math.round(ijk[2]);
        assertTrue(g.contains(i, j, k));
        DicomHeader im26 = series.headers().stream().filter(h -> h.file().getFileName().toString().equals("IM0026.dcm")).findFirst().orElseThrow();
        assertEquals(Math.round(g.lpsToIndex(im26.imagePositionPatient(), null)[2]), k);
        assertTrue(v.get(i, j, k) > 200, "true lumen should be bright, got " + v.get(i, j, k) + " HU");
        // and the volume as a whole looks like a CT: air and contrast-filled vessels
        short[] values = v.values();
        long air = 0, bright = 0;
        for (short s : values) {
            if (s < -900) air++;
            if (s > 200) bright++;
        }
        assertTrue(air > values.length / 50 && bright > values.length / 1000, "air " + air + ", bright " + bright);
    }

    @Test
    void missingSliceNamesTheFilesAroundTheGap(@TempDir Path tmp) throws Exception {
        DicomFolderScannerTest.copy(DicomTestData.aorta(), tmp, 30);
        Files.delete(tmp.resolve("IM0015.dcm"));
        DicomSeries series = scanner.scan(tmp, Progress.NONE).series().get(0);
        assertEquals(29, series.size());
        DicomHeader before = codec.readHeader(tmp.resolve("IM0014.dcm")), after = codec.readHeader(tmp.resolve("IM0016.dcm"));
        DicomException e = assertThrows(DicomException.class, () -> loader.load(series, Progress.NONE));
        String m = e.getMessage();
        assertTrue(m.startsWith("slice missing between IM0014.dcm and IM0016.dcm"), m);
        assertTrue(m.contains(fmt(before.positionAlongNormalMm())) && m.contains(fmt(after.positionAlongNormalMm())), m);
        assertTrue(m.contains("3 mm apart") && m.contains("usual step is 1.5 mm"), m);
    }

    @Test
    void slicesAreOrderedByPositionNotByFileNameOrInstanceNumber(@TempDir Path tmp) throws Exception {
        // write 6 slices with names and instance numbers in reverse order of their positions
        List<Path> src = sources(6);
        for (int n = 0; n < 6; n++) {
            int inst = 6 - n;
            DicomTestData.rewrite(src.get(n), tmp.resolve("s" + inst + ".dcm"), l -> set(l, TagFromName.InstanceNumber, String.valueOf(inst)));
        }
        LoadedSeries loaded = loader.load(scanner.scan(tmp, Progress.NONE).series().get(0), Progress.NONE);
        ImageGeometry g = loaded.volume().geometry();
        assertEquals(6, g.slices());
        assertArrayEquals(codec.readHeader(src.get(0)).imagePositionPatient(), g.originLps(), 1e-6);
        assertEquals(1.5, g.spacingMm(2), 1e-6);
        assertArrayEquals(new double[] {0, 0, 1}, g.direction(2), 1e-9);
    }

    @Test
    void unevenSpacingIsResampledWithAWarning(@TempDir Path tmp) throws Exception {
        List<Path> src = sources(7);
        for (int n = 0; n < 7; n++) {
            Path out = tmp.resolve("u" + n + ".dcm");
            if (n == 3) { // move the middle slice 0.5 mm up: steps 1.5,1.5,2,1,1.5,1.5
                DicomTestData.rewrite(src.get(n), out, l -> shiftZ(l, 0.5));
            } else {
                Files.copy(src.get(n), out);
            }
        }
        DicomHeader first = codec.readHeader(src.get(0));
        int[] s3 = codec.decodeFrame(codec.readHeader(src.get(3)), 0), s4 = codec.decodeFrame(codec.readHeader(src.get(4)), 0);
        LoadedSeries loaded = loader.load(scanner.scan(tmp, Progress.NONE).series().get(0), Progress.NONE);
        assertEquals(1, loaded.warnings().size());
        assertTrue(loaded.warnings().get(0).contains("uneven") && loaded.warnings().get(0).contains("resampled"), loaded.warnings().get(0));
        ImageGeometry g = loaded.volume().geometry();
        assertEquals(7, g.slices());
        assertEquals(1.5, g.spacingMm(2), 1e-6);
        assertArrayEquals(first.imagePositionPatient(), g.originLps(), 1e-6);
        // output slice 4 (z0 + 6 mm) is input slice 4; output slice 3 (z0 + 4.5 mm) lies between input slice 2
        // (z0 + 3 mm) and the moved slice 3 (z0 + 5 mm), at 3/4 of the way
        int[] s2 = codec.decodeFrame(codec.readHeader(src.get(2)), 0);
        for (int i = 0; i < s2.length; i += 131) {
            assertEquals(s4[i] - 1024, loaded.volume().get(i % 120, i / 120, 4));
            double expected = (s2[i] - 1024) + 0.75 * (s3[i] - s2[i]);
            assertEquals(Math.round(expected), loaded.volume().get(i % 120, i / 120, 3), 1.0);
        }
    }

    @Test
    void gantryTiltMakesTheSliceAxisFollowThePositions(@TempDir Path tmp) throws Exception {
        List<Path> src = sources(5);
        for (int n = 0; n < 5; n++) {
            double dy = 0.2 * n; // each slice 0.2 mm further posterior: tilt atan(0.2/1.5) = 7.6°
            DicomTestData.rewrite(src.get(n), tmp.resolve("t" + n + ".dcm"), l -> shift(l, 0, dy, 0));
        }
        LoadedSeries loaded = loader.load(scanner.scan(tmp, Progress.NONE).series().get(0), Progress.NONE);
        assertEquals(1, loaded.warnings().size());
        assertTrue(loaded.warnings().get(0).contains("7.59°") && loaded.warnings().get(0).contains("tilt"), loaded.warnings().get(0));
        ImageGeometry g = loaded.volume().geometry();
        double len = Math.hypot(0.2, 1.5);
        assertArrayEquals(new double[] {0, 0.2 / len, 1.5 / len}, g.direction(2), 1e-6);
        assertEquals(len, g.spacingMm(2), 1e-6);
        // the last file's first pixel is at its own position
        DicomHeader last = codec.readHeader(tmp.resolve("t4.dcm"));
        assertArrayEquals(last.imagePositionPatient(), g.indexToLps(new double[] {0, 0, 4}, null), 1e-6);
    }

    @Test
    void sliceOfAnotherSizeIsNamed(@TempDir Path tmp) throws Exception {
        DicomFolderScannerTest.copy(DicomTestData.aorta(), tmp, 4);
        Path odd = DicomTestData.rewrite(DicomTestData.aorta().resolve("IM0005.dcm"), tmp.resolve("IM0005.dcm"),
                l -> set(l, TagFromName.PixelSpacing, "1.4\\1.4"));
        DicomException e = assertThrows(DicomException.class,
                () -> loader.load(scanner.scan(tmp, Progress.NONE).series().get(0), Progress.NONE));
        assertTrue(e.getMessage().startsWith("IM0005.dcm: Pixel Spacing 1.4\\1.4 mm differs from 1.5\\1.5 mm of IM0001.dcm"), e.getMessage());
        assertEquals(odd, e.file());
    }

    @Test
    void cancellationStopsLoading() throws Exception {
        DicomSeries series = scanner.scan(DicomTestData.aorta(), Progress.NONE).series().get(0);
        AtomicInteger updates = new AtomicInteger();
        Progress cancelAfterFirstUpdate = new Progress() {
            @Override public void update(double fraction, String message) { updates.incrementAndGet(); }
            @Override public boolean isCancelled() { return updates.get() > 1; }
        };
        assertThrows(Progress.CancelledException.class, () -> loader.load(series, cancelAfterFirstUpdate));
    }

    @Test
    void truncatedSliceFailsTheLoadNamingTheFile(@TempDir Path tmp) throws Exception {
        DicomFolderScannerTest.copy(DicomTestData.aorta(), tmp, 5);
        Path f = tmp.resolve("IM0003.dcm");
        DicomTestData.cut(DicomTestData.aorta().resolve("IM0003.dcm"), f, (int) Files.size(f) - 10_000);
        DicomException e = assertThrows(DicomException.class,
                () -> loader.load(scanner.scan(tmp, Progress.NONE).series().get(0), Progress.NONE));
        assertTrue(e.getMessage().startsWith("IM0003.dcm: pixel data is"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 30240 for 120×126×16 bit"), e.getMessage());
    }

    @Test
    void multiFrameFilesAreRejectedClearly(@TempDir Path tmp) throws Exception {
        Path f = DicomTestData.rewrite(DicomTestData.aorta().resolve("IM0001.dcm"), tmp.resolve("multi.dcm"),
                l -> set(l, TagFromName.NumberOfFrames, "2"));
        DicomSeries series = DicomSeries.of(List.of(codec.readHeader(f)));
        DicomException e = assertThrows(DicomException.class, () -> loader.load(series, Progress.NONE));
        assertTrue(e.getMessage().startsWith("multi.dcm: multi-frame files (2 frames) are not supported"), e.getMessage());
    }

    private static List<Path> sources(int n) {
        List<Path> l = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            l.add(DicomTestData.aorta().resolve(String.format("IM%04d.dcm", 20 + k)));
        }
        return l;
    }

    private static void shiftZ(AttributeList l, double dz) {
        shift(l, 0, 0, dz);
    }

    private static void shift(AttributeList l, double dx, double dy, double dz) {
        double[] p = Attribute.getDoubleValues(l, TagFromName.ImagePositionPatient);
        set(l, TagFromName.ImagePositionPatient, (p[0] + dx) + "\\" + (p[1] + dy) + "\\" + (p[2] + dz));
    }

    private static void set(AttributeList l, com.pixelmed.dicom.AttributeTag tag, String value) {
        try {
            Attribute a = tag.equals(TagFromName.InstanceNumber) || tag.equals(TagFromName.NumberOfFrames) ? new com.pixelmed.dicom.IntegerStringAttribute(tag)
                    : new DecimalStringAttribute(tag);
            for (String part : value.split("\\\\")) {
                a.addValue(part);
            }
            l.put(a);
        } catch (com.pixelmed.dicom.DicomException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.3f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
