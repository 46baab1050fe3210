package org.rehearse.segmentation.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.Volume;

class DicomSeriesWriterTest {
    @TempDir Path tmp;

    private static final DicomSeriesWriter.Metadata META = new DicomSeriesWriter.Metadata(
            "Phantom^Test", "RH-0001", "Writer test study", "Writer test series", "writer-test-seed");

    private static Volume volume() {
        ImageGeometry g = ImageGeometry.axial(40, 30, 5, new double[] {0.6, 0.75, 1.25}, new double[] {-12.3, 40.5, -150.25});
        short[] v = new short[(int) g.voxelCount()];
        for (int n = 0; n < v.length; n++) {
            v[n] = (short) ((n * 37) % 4000 - 1024);
        }
        v[0] = Short.MIN_VALUE;
        v[1] = Short.MAX_VALUE;
        return new Volume(g, v, "CT");
    }

    @Test
    void roundTripThroughPixelMed() throws Exception {
        Volume vol = volume();
        ImageGeometry g = vol.geometry();
        List<Path> files = DicomSeriesWriter.write(vol, tmp.resolve("series"), META, Progress.NONE);
        assertEquals(5, files.size());
        Set<String> sops = new HashSet<>();
        String series = null;
        for (int k = 0; k < 5; k++) {
            AttributeList l = new AttributeList();
            l.read(files.get(k).toFile());
            assertEquals(TransferSyntax.ExplicitVRLittleEndian,
                    Attribute.getSingleStringValueOrEmptyString(l, TagFromName.TransferSyntaxUID));
            assertEquals(SOPClass.CTImageStorage, Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SOPClassUID));
            assertEquals("CT", Attribute.getSingleStringValueOrEmptyString(l, TagFromName.Modality));
            assertEquals("Phantom^Test", Attribute.getSingleStringValueOrEmptyString(l, TagFromName.PatientName));
            assertEquals("RH-0001", Attribute.getSingleStringValueOrEmptyString(l, TagFromName.PatientID));
            assertEquals("Writer test series", Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SeriesDescription));
            assertEquals(30, Attribute.getSingleIntegerValueOrDefault(l, TagFromName.Rows, -1));
            assertEquals(40, Attribute.getSingleIntegerValueOrDefault(l, TagFromName.Columns, -1));
            assertEquals(1, Attribute.getSingleIntegerValueOrDefault(l, TagFromName.PixelRepresentation, -1));
            assertEquals(16, Attribute.getSingleIntegerValueOrDefault(l, TagFromName.BitsStored, -1));
            assertEquals(0.0, Attribute.getSingleDoubleValueOrDefault(l, TagFromName.RescaleIntercept, 99), 0);
            assertEquals(1.0, Attribute.getSingleDoubleValueOrDefault(l, TagFromName.RescaleSlope, 99), 0);
            double[] ipp = l.get(TagFromName.ImagePositionPatient).getDoubleValues();
            assertArrayEquals(g.indexToLps(new double[] {0, 0, k}, null), ipp, 1e-6);
            assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0}, l.get(TagFromName.ImageOrientationPatient).getDoubleValues(), 0);
            assertArrayEquals(new double[] {0.75, 0.6}, l.get(TagFromName.PixelSpacing).getDoubleValues(), 0);
            assertEquals(1.25, Attribute.getSingleDoubleValueOrDefault(l, TagFromName.SpacingBetweenSlices, 0), 0);
            assertEquals(1.25, Attribute.getSingleDoubleValueOrDefault(l, TagFromName.SliceThickness, 0), 0);
            assertEquals(k + 1, Attribute.getSingleIntegerValueOrDefault(l, TagFromName.InstanceNumber, -1));
            short[] px = l.get(TagFromName.PixelData).getShortValues();
            int plane = 40 * 30;
            assertArrayEquals(Arrays.copyOfRange(vol.values(), k * plane, (k + 1) * plane), px, "pixels of slice " + k);
            assertTrue(sops.add(Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SOPInstanceUID)));
            String s = Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SeriesInstanceUID);
            if (series != null) {
                assertEquals(series, s);
            }
            series = s;
        }
    }

    @Test
    void sameInputGivesByteIdenticalFiles() throws Exception {
        List<Path> a = DicomSeriesWriter.write(volume(), tmp.resolve("a"), META, Progress.NONE);
        List<Path> b = DicomSeriesWriter.write(volume(), tmp.resolve("b"), META, Progress.NONE);
        for (int k = 0; k < a.size(); k++) {
            assertArrayEquals(Files.readAllBytes(a.get(k)), Files.readAllBytes(b.get(k)), "file " + a.get(k).getFileName());
        }
        DicomSeriesWriter.Metadata other = new DicomSeriesWriter.Metadata("Phantom^Test", "RH-0001",
                "Writer test study", "Writer test series", "another-seed");
        List<Path> c = DicomSeriesWriter.write(volume(), tmp.resolve("c"), other, Progress.NONE);
        AttributeList la = new AttributeList(), lc = new AttributeList();
        la.read(a.get(0).toFile());
        lc.read(c.get(0).toFile());
        assertNotEquals(Attribute.getSingleStringValueOrEmptyString(la, TagFromName.StudyInstanceUID),
                Attribute.getSingleStringValueOrEmptyString(lc, TagFromName.StudyInstanceUID));
    }

    @Test
    void uidsAreValidAndDecimalStringsFit() {
        String uid = DicomSeriesWriter.uid("x");
        assertTrue(uid.matches("2\\.25\\.(0|[1-9][0-9]*)") && uid.length() <= 64, uid);
        assertEquals(uid, DicomSeriesWriter.uid("x"));
        assertEquals("-150.25", DicomSeriesWriter.ds(-150.25));
        assertEquals("0", DicomSeriesWriter.ds(-0.0));
        assertEquals("0.333333", DicomSeriesWriter.ds(1.0 / 3));
        assertTrue(DicomSeriesWriter.ds(-12345.678901234).length() <= 16);
    }
}
