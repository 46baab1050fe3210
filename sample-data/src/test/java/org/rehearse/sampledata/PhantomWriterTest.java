package org.rehearse.sampledata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.nifti.NiftiLabelIo;

class PhantomWriterTest {
    static final PhantomSpec SMALL = PhantomSpec.defaults().withSize(128, 128, 75);
    @TempDir Path tmp;

    @Test
    void writtenCaseReadsBackThroughPixelMedAndNifti() throws Exception {
        Phantom p = PhantomGenerator.generate(SMALL, Progress.NONE);
        Path out = tmp.resolve("case");
        PhantomWriter.write(p, out, Progress.NONE);
        ImageGeometry g = p.volume().geometry();

        List<Path> files;
        try (Stream<Path> s = Files.list(out.resolve("dicom"))) {
            files = s.sorted().toList();
        }
        assertEquals(75, files.size());
        int plane = 128 * 128;
        for (int k : new int[] {0, 37, 74}) {
            AttributeList l = new AttributeList();
            l.read(files.get(k).toFile());
            assertEquals("CT", Attribute.getSingleStringValueOrEmptyString(l, TagFromName.Modality));
            assertEquals(128, Attribute.getSingleIntegerValueOrDefault(l, TagFromName.Rows, -1));
            assertArrayEquals(g.indexToLps(new double[] {0, 0, k}, null), l.get(TagFromName.ImagePositionPatient).getDoubleValues(), 1e-4);
            assertArrayEquals(new double[] {2.4, 2.4}, l.get(TagFromName.PixelSpacing).getDoubleValues(), 1e-9);
            assertEquals(4.0, Attribute.getSingleDoubleValueOrDefault(l, TagFromName.SliceThickness, 0), 1e-9);
            double slope = Attribute.getSingleDoubleValueOrDefault(l, TagFromName.RescaleSlope, 1);
            double intercept = Attribute.getSingleDoubleValueOrDefault(l, TagFromName.RescaleIntercept, 0);
            short[] stored = l.get(TagFromName.PixelData).getShortValues();
            short[] expected = Arrays.copyOfRange(p.volume().values(), k * plane, (k + 1) * plane);
            for (int n = 0; n < plane; n++) {
                assertEquals(expected[n], stored[n] * slope + intercept, 0, "slice " + k + " pixel " + n);
            }
        }

        LabelMap mask = NiftiLabelIo.read(out.resolve("truth_mask.nii.gz"));
        assertArrayEquals(p.truthLumen().labels(), mask.labels());
        assertTrue(mask.geometry().sameGrid(g, 1e-3));

        JsonNode truth = new ObjectMapper().readTree(out.resolve("truth.json").toFile());
        assertEquals(p.minDiameterMm(), truth.get("min_diameter_mm").asDouble(), 1e-9);
        assertEquals(p.referenceDiameterMm(), truth.get("reference_diameter_mm").asDouble(), 1e-9);
        assertEquals(65, truth.get("stenosis_percent").asDouble(), 1e-9);
        assertEquals(3, truth.get("seed_lps_mm").size());
        assertEquals(p.throatLpsMm()[2], truth.get("throat_position_lps_mm").get(2).asDouble(), 1e-3);
        assertEquals(128, truth.get("spec").get("columns").asInt());
        assertEquals(p.centerline().size(), truth.get("centerline").size());
        assertEquals(p.centerline().get(0).radiusMm(), truth.get("centerline").get(0).get("radius_mm").asDouble(), 1e-3);
        assertEquals(3, truth.get("branches").size());

        SampleCase loaded = SampleCase.load(out);
        assertArrayEquals(p.seedLpsMm(), loaded.seedLpsMm(), 1e-3);
    }

    @Test
    void commandWritesACaseAndRejectsBadArguments() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        Path dir = tmp.resolve("cmd");
        assertEquals(0, PhantomCommand.run(new String[] {"--out", dir.toString(), "--size", "128x128x75", "--stenosis", "0.5", "--seed", "7"}, out));
        String summary = buf.toString(StandardCharsets.UTF_8);
        assertTrue(summary.contains("stenosis 50 %"), summary);
        assertTrue(Files.isRegularFile(dir.resolve("truth.json")) && Files.isRegularFile(dir.resolve("truth_mask.nii.gz")));
        assertEquals(0.5, new ObjectMapper().readTree(dir.resolve("truth.json").toFile()).get("spec").get("stenosis_fraction").asDouble());

        assertError(new String[] {"--out", dir.toString(), "--stenosis", "0.95"}, "stenosis fraction must be between 0 and 0.9");
        assertError(new String[] {"--out", dir.toString(), "--size", "64x64x40"}, "too small for the anatomy");
        assertError(new String[] {"--out", dir.toString(), "--size", "big"}, "COLUMNSxROWSxSLICES");
        assertError(new String[] {"--out", dir.toString(), "--colour", "red"}, "unknown option \"--colour\"");
        assertError(new String[] {"--stenosis", "0.5"}, "--out DIR is required");
        assertError(new String[] {"--out"}, "needs a value");
    }

    private static void assertError(String[] args, String expected) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        assertEquals(2, PhantomCommand.run(args, new PrintStream(buf, true, StandardCharsets.UTF_8)));
        String text = buf.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains(expected) && text.contains("usage:"), text);
    }

    @Test
    void sampleCaseIsGeneratedOnceAndRegeneratedWhenStale() throws Exception {
        Path cache = tmp.resolve("cache");
        SampleCase first = SampleCase.ensure(cache, SMALL, Progress.NONE);
        assertTrue(Files.isDirectory(first.dicomDir()));
        assertTrue(Files.isRegularFile(first.truthMask()));
        assertEquals(65, first.stenosisPercent(), 1e-9);
        Path marker = first.dir().resolve(SampleCase.MARKER);
        FileTime stamp = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(first.truthJson(), stamp);

        SampleCase again = SampleCase.ensure(cache, SMALL, Progress.NONE);
        assertEquals(first.dir(), again.dir());
        assertEquals(stamp, Files.getLastModifiedTime(again.truthJson()), "a complete case must be reused, not rewritten");

        Files.writeString(marker, "generator_version=0\n");
        SampleCase regenerated = SampleCase.ensure(cache, SMALL, Progress.NONE);
        assertNotEquals(stamp, Files.getLastModifiedTime(regenerated.truthJson()), "a stale case must be regenerated");
        try (Stream<Path> s = Files.list(cache)) {
            List<String> names = s.map(x -> x.getFileName().toString()).toList();
            assertEquals(List.of(first.dir().getFileName().toString()), names, "no temporary folders left behind");
        }
        assertFalse(Files.exists(cache.resolve("coarctation-phantom")), "the default case is not generated for a small spec");
    }
}
