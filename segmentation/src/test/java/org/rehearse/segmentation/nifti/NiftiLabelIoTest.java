package org.rehearse.segmentation.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;

class NiftiLabelIoTest {
    @TempDir Path tmp;

    private static Path data(String rel) {
        String root = System.getProperty("rehearse.shared.data");
        assumeTrue(root != null && Files.isDirectory(Path.of(root)), "shared data folder not available");
        Path p = Path.of(root).resolve(rel);
        assumeTrue(Files.exists(p), rel + " not available");
        return p;
    }

    @Test
    void readsRealAortaLabelOnTheDicomGrid() throws Exception {
        LabelMap aorta = NiftiLabelIo.read(data("aorta-cta/labels/aorta.nii.gz"));
        ImageGeometry g = aorta.geometry();
        assertEquals(120, g.columns());
        assertEquals(126, g.rows());
        assertEquals(164, g.slices());
        for (int a = 0; a < 3; a++) {
            assertEquals(1.5, g.spacingMm(a), 1e-6);
        }
        assertTrue(aorta.countNonZero() > 10_000, "aorta label should not be empty");

        AttributeList first = new AttributeList();
        first.read(data("aorta-cta/dicom/IM0001.dcm").toFile());
        double[] ipp = first.get(TagFromName.ImagePositionPatient).getDoubleValues();
        double[] p0 = g.indexToLps(new double[] {0, 0, 0}, null);
        for (int r = 0; r < 3; r++) {
            assertEquals(ipp[r], p0[r], 0.01, "LPS of voxel (0,0,0) vs ImagePositionPatient of IM0001, axis " + r);
        }
        // DICOM row direction is +L, column direction +P (ImageOrientationPatient 1\0\0\0\1\0)
        double[] iop = first.get(TagFromName.ImageOrientationPatient).getDoubleValues();
        assertArrayEquals(Arrays.copyOfRange(iop, 0, 3), g.direction(0), 1e-5);
        assertArrayEquals(Arrays.copyOfRange(iop, 3, 6), g.direction(1), 1e-5);
    }

    @Test
    void roundTripIsIdenticalInDataAndGeometry() throws Exception {
        LabelMap original = NiftiLabelIo.read(data("aorta-cta/labels/aorta.nii.gz"));
        Path out = tmp.resolve("copy.nii.gz");
        NiftiLabelIo.write(original, out);
        LabelMap back = NiftiLabelIo.read(out);
        assertArrayEquals(original.labels(), back.labels());
        assertGeometryEquals(original.geometry(), back.geometry());
    }

    @Test
    void roundTripOfObliqueFlippedGridThroughQformAlone() throws Exception {
        double c = Math.cos(0.3), s = Math.sin(0.3);
        ImageGeometry g = new ImageGeometry(7, 5, 4, new double[] {0.7, 0.8, 2.5}, new double[] {-12.5, 30.25, 101},
                new double[] {c, s, 0}, new double[] {-s, c, 0}, new double[] {0, 0, -1});
        LabelMap m = new LabelMap(g);
        for (int n = 0; n < m.labels().length; n++) {
            m.labels()[n] = (byte) (n * 7);
        }
        Path out = tmp.resolve("oblique.nii");
        NiftiLabelIo.write(m, out);
        LabelMap back = NiftiLabelIo.read(out);
        assertArrayEquals(m.labels(), back.labels());
        assertGeometryEquals(g, back.geometry());

        // the qform alone must describe the same grid: disable the sform and read again
        byte[] bytes = Files.readAllBytes(out);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(254, (short) 0);
        assertGeometryEquals(g, NiftiLabelIo.decode(bytes, out).geometry());
    }

    @Test
    void writesSlicerCompatibleHeader() throws Exception {
        ImageGeometry g = ImageGeometry.axial(4, 3, 2, new double[] {0.5, 0.5, 1.25}, new double[] {10, -20, 30});
        LabelMap m = new LabelMap(g);
        m.set(1, 2, 1, 1);
        Path out = tmp.resolve("h.nii.gz");
        NiftiLabelIo.write(m, out);
        byte[] b;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(out))) {
            b = in.readAllBytes();
        }
        ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(348, h.getInt(0));
        assertEquals("n+1\0", new String(b, 344, 4, StandardCharsets.US_ASCII));
        assertEquals(352f, h.getFloat(108));
        assertEquals(2, h.getShort(70));          // uint8
        assertEquals(8, h.getShort(72));
        assertEquals(3, h.getShort(40));
        assertEquals(4, h.getShort(42));
        assertEquals(3, h.getShort(44));
        assertEquals(2, h.getShort(46));
        assertEquals(1, h.getShort(252));         // qform_code scanner
        assertEquals(1, h.getShort(254));         // sform_code scanner
        assertEquals(1.25f, h.getFloat(88));
        // srow_x = (-0.5, 0, 0, -10): RAS x = -LPS x
        assertEquals(-0.5f, h.getFloat(280));
        assertEquals(-10f, h.getFloat(292));
        assertEquals(20f, h.getFloat(296 + 12));
        assertEquals(30f, h.getFloat(312 + 12));
        assertEquals(352 + 24, b.length);
        assertEquals(1, b[352 + 1 + 4 * (2 + 3 * 1)]);
    }

    @Test
    void readsInt16AndFloatLabelsClippedTo255() throws Exception {
        ImageGeometry g = ImageGeometry.axial(3, 1, 1, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        byte[] header = NiftiLabelIo.encodeHeader(g);
        ByteBuffer b = ByteBuffer.allocate(352 + 6).order(ByteOrder.LITTLE_ENDIAN);
        b.put(header);
        b.putShort(70, (short) 4).putShort(72, (short) 16);
        b.putShort(352, (short) 0).putShort(354, (short) 7).putShort(356, (short) 300);
        assertArrayEquals(new byte[] {0, 7, (byte) 255}, NiftiLabelIo.decode(b.array(), null).labels());

        ByteBuffer f = ByteBuffer.allocate(352 + 12).order(ByteOrder.LITTLE_ENDIAN);
        f.put(header);
        f.putShort(70, (short) 16).putShort(72, (short) 32);
        f.putFloat(352, -3f).putFloat(356, 2.0f).putFloat(360, 1f);
        assertArrayEquals(new byte[] {0, 2, 1}, NiftiLabelIo.decode(f.array(), null).labels());
    }

    @Test
    void rejectsBadFilesWithClearMessages() throws Exception {
        Path notNifti = tmp.resolve("text.nii");
        Files.writeString(notNifti, "hello, this is not an image".repeat(20));
        IOException e1 = assertThrows(NiftiFormatException.class, () -> NiftiLabelIo.read(notNifti));
        assertTrue(e1.getMessage().contains("text.nii") && e1.getMessage().contains("not a NIfTI-1"), e1.getMessage());

        ImageGeometry g = ImageGeometry.axial(10, 10, 10, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        byte[] full = NiftiLabelIo.encode(new LabelMap(g));
        Path truncated = tmp.resolve("truncated.nii");
        Files.write(truncated, Arrays.copyOf(full, full.length - 10));
        IOException e2 = assertThrows(NiftiFormatException.class, () -> NiftiLabelIo.read(truncated));
        assertTrue(e2.getMessage().contains("truncated.nii") && e2.getMessage().contains("truncated"), e2.getMessage());

        byte[] complex = full.clone();
        ByteBuffer.wrap(complex).order(ByteOrder.LITTLE_ENDIAN).putShort(70, (short) 32).putShort(72, (short) 64);
        Path c = tmp.resolve("complex.nii");
        Files.write(c, complex);
        IOException e3 = assertThrows(NiftiFormatException.class, () -> NiftiLabelIo.read(c));
        assertTrue(e3.getMessage().contains("complex.nii") && e3.getMessage().contains("datatype 32"), e3.getMessage());

        byte[] fourD = full.clone();
        ByteBuffer.wrap(fourD).order(ByteOrder.LITTLE_ENDIAN).putShort(40, (short) 4).putShort(48, (short) 2);
        Path f = tmp.resolve("series.nii");
        Files.write(f, fourD);
        IOException e4 = assertThrows(NiftiFormatException.class, () -> NiftiLabelIo.read(f));
        assertTrue(e4.getMessage().contains("series.nii") && e4.getMessage().contains("only 3D"), e4.getMessage());

        Path gz = tmp.resolve("cut.nii.gz");
        NiftiLabelIo.write(new LabelMap(g), gz);
        byte[] z = Files.readAllBytes(gz);
        Files.write(gz, Arrays.copyOf(z, z.length / 2));
        IOException e5 = assertThrows(NiftiFormatException.class, () -> NiftiLabelIo.read(gz));
        assertTrue(e5.getMessage().contains("cut.nii.gz"), e5.getMessage());
    }

    private static void assertGeometryEquals(ImageGeometry a, ImageGeometry b) {
        assertEquals(a.columns(), b.columns());
        assertEquals(a.rows(), b.rows());
        assertEquals(a.slices(), b.slices());
        assertArrayEquals(a.spacingMm(), b.spacingMm(), 1e-5);
        assertArrayEquals(a.originLps(), b.originLps(), 1e-4);
        for (int axis = 0; axis < 3; axis++) {
            assertArrayEquals(a.direction(axis), b.direction(axis), 1e-5);
        }
    }
}
