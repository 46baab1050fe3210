package org.rehearse.segmentation.dicom;

import com.pixelmed.dicom.TagFromName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PixelMedCodecTest {
    private final PixelMedCodec codec = new PixelMedCodec();

    @Test
    void everyTransferSyntaxDecodesToTheStoredPixelsOfTheUncompressedFile() throws Exception {
        Path dir = DicomTestData.shared("transfer-syntaxes");
        DicomHeader refHeader = codec.readHeader(dir.resolve("1.dcm"));
        assertEquals(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN, refHeader.transferSyntaxUid());
        assertEquals(384, refHeader.rows());
        assertEquals(384, refHeader.columns());
        assertEquals(12, refHeader.bitsStored());
        int[] reference = codec.decodeFrame(refHeader, 0);
        assertEquals(384 * 384, reference.length);
        assertTrue(Arrays.stream(reference).max().getAsInt() > 100, "reference image is not blank");
        int supported = 0;
        for (int i = 2; i <= 9; i++) {
            Path f = dir.resolve(i + ".dcm");
            DicomHeader h = codec.readHeader(f);
            assertEquals(384, h.rows(), f.toString());
            if (codec.canDecode(h.transferSyntaxUid())) {
                assertArrayEquals(reference, codec.decodeFrame(h, 0), f + " (" + TransferSyntaxes.describe(h.transferSyntaxUid()) + ")");
                supported++;
            } else {
                DicomException e = assertThrows(DicomException.class, () -> codec.decodeFrame(h, 0));
                assertTrue(e.getMessage().contains(i + ".dcm"), e.getMessage());
                assertTrue(e.getMessage().contains(h.transferSyntaxUid()), e.getMessage());
                assertTrue(e.getMessage().contains("not supported"), e.getMessage());
                assertEquals(f, e.file());
            }
        }
        // native LE/BE, implicit, RLE, two JPEG lossless, two JPEG-LS and JPEG 2000
        assertEquals(8, supported, "encodings decoded bit-exactly");
    }

    @Test
    void unsupportedTransferSyntaxIsNamed(@TempDir Path tmp) throws Exception {
        // 9.dcm with its transfer syntax UID changed (same length) to JPEG 2000 Part 2, which is not supported
        byte[] b = Files.readAllBytes(DicomTestData.shared("transfer-syntaxes").resolve("9.dcm"));
        byte[] from = "1.2.840.10008.1.2.4.90".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] to = "1.2.840.10008.1.2.4.92".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int at = indexOf(b, from);
        assertTrue(at > 128 && at < 400, "transfer syntax UID in the meta information");
        System.arraycopy(to, 0, b, at, to.length);
        Path f = Files.write(tmp.resolve("9.dcm"), b);
        DicomHeader h = codec.readHeader(f);
        assertEquals("1.2.840.10008.1.2.4.92", h.transferSyntaxUid());
        DicomException e = assertThrows(DicomException.class, () -> codec.decodeFrame(h, 0));
        assertTrue(e.getMessage().startsWith("9.dcm: transfer syntax JPEG 2000 Part 2 Multi-component Lossless "
                + "(1.2.840.10008.1.2.4.92) is not supported: convert"), e.getMessage());
        assertTrue(e.getMessage().contains("gdcmconv --raw"), e.getMessage());
    }

    @Test
    void cutJpegLsFileIsReported(@TempDir Path tmp) throws Exception {
        Path src = DicomTestData.shared("transfer-syntaxes").resolve("7.dcm");
        Path f = DicomTestData.cut(src, tmp.resolve("7.dcm"), (int) Files.size(src) - 40_000);
        DicomHeader h = codec.readHeader(f);
        DicomException e = assertThrows(DicomException.class, () -> codec.decodeFrame(h, 0));
        assertTrue(e.getMessage().startsWith("7.dcm: the compressed pixel data are damaged or cut off"), e.getMessage());
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void jaiJpeg2000ReaderIsTheOneUsed() {
        assertEquals("com.github.jaiimageio.jpeg2000.impl.J2KImageReader", PixelMedCodec.jpeg2000ReaderClass());
        assertTrue(codec.canDecode(TransferSyntaxes.JPEG_2000));
        assertTrue(codec.canDecode(TransferSyntaxes.JPEG_2000_LOSSLESS));
    }

    @Test
    void jpeg2000CtDecodesToPlausibleHounsfieldUnits() throws Exception {
        Path dir = DicomTestData.shared("ct-jpeg2000");
        Path[] files;
        try (var s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().startsWith("CT.")).sorted().toArray(Path[]::new);
        }
        assertEquals(20, files.length);
        long air = 0, soft = 0, total = 0;
        for (Path f : new Path[] {files[0], files[10], files[19]}) {
            DicomHeader h = codec.readHeader(f);
            assertEquals(TransferSyntaxes.JPEG_2000_LOSSLESS, h.transferSyntaxUid());
            assertEquals("CT", h.modality());
            assertEquals(512, h.rows());
            assertEquals(0.977, h.pixelSpacingMm()[0], 0.001);
            int[] v = codec.decodeFrame(h, 0);
            assertEquals(512 * 512, v.length);
            for (int s : v) {
                double hu = s * h.rescaleSlope() + h.rescaleIntercept();
                assertTrue(hu >= -3100 && hu <= 4000, f + ": implausible CT value " + hu + " HU");
                if (hu > -1050 && hu < -900) air++;
                if (hu > -100 && hu < 150) soft++;
                total++;
            }
        }
        assertTrue(air > 0.1 * total, "air (about −1000 HU) should fill the corners: " + air + "/" + total);
        assertTrue(soft > 0.1 * total, "soft tissue (−100…150 HU) should fill much of the body: " + soft + "/" + total);
    }

    @Test
    void headerHasGeometryAndRescale() throws Exception {
        DicomHeader h = codec.readHeader(DicomTestData.aorta().resolve("IM0026.dcm"));
        assertEquals(126, h.rows());
        assertEquals(120, h.columns());
        assertEquals(1, h.pixelRepresentation());
        assertEquals(16, h.bitsStored());
        assertEquals(1.0, h.rescaleSlope());
        assertEquals(-1024.0, h.rescaleIntercept());
        assertEquals(1.5, h.pixelSpacingMm()[0], 1e-9);
        assertEquals(577.7, h.imagePositionPatient()[2], 1e-6);
        assertArrayEquals(new double[] {0, 0, 1}, h.normal(), 1e-12);
        assertEquals("CT", h.modality());
        assertTrue(!h.seriesInstanceUid().isEmpty());
        assertEquals(1, h.numberOfFrames());
    }

    @Test
    void fileCutInsidePixelDataNamesTheFileAndTheLengths(@TempDir Path tmp) throws Exception {
        Path src = DicomTestData.aorta().resolve("IM0007.dcm");
        Path f = DicomTestData.cut(src, tmp.resolve("IM0007.dcm"), (int) Files.size(src) - 5000);
        DicomHeader h = codec.readHeader(f);
        DicomException e = assertThrows(DicomException.class, () -> codec.decodeFrame(h, 0));
        assertTrue(e.getMessage().startsWith("IM0007.dcm: "), e.getMessage());
        assertTrue(e.getMessage().contains("expected 30240"), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertEquals(f, e.file());
    }

    @Test
    void fileCutInsideTheHeaderSaysTruncated(@TempDir Path tmp) throws Exception {
        Path f = DicomTestData.cut(DicomTestData.aorta().resolve("IM0007.dcm"), tmp.resolve("IM0007.dcm"), 700);
        DicomException e = assertThrows(DicomException.class, () -> codec.readHeader(f));
        assertTrue(e.getMessage().startsWith("IM0007.dcm: file ends inside the header (truncated?)"), e.getMessage());
    }

    @Test
    void zeroPaddedHeaderIsReportedQuickly(@TempDir Path tmp) throws Exception {
        byte[] b = Files.readAllBytes(DicomTestData.aorta().resolve("IM0003.dcm"));
        // keep the preamble and the file meta information (group 0002, up to byte 384), zero the data set
        Arrays.fill(b, 384, b.length, (byte) 0);
        Path f = Files.write(tmp.resolve("IM0003.dcm"), b);
        DicomException e = assertThrows(DicomException.class, () -> codec.readHeader(f));
        assertTrue(e.getMessage().startsWith("IM0003.dcm: the data set is damaged: zero bytes"), e.getMessage());
    }

    @Test
    void zerosAfterThePixelDataAreIgnored(@TempDir Path tmp) throws Exception {
        Path src = DicomTestData.aorta().resolve("IM0004.dcm");
        byte[] b = Files.readAllBytes(src);
        Path f = Files.write(tmp.resolve("IM0004.dcm"), Arrays.copyOf(b, b.length + 200_000));
        assertArrayEquals(codec.decodeFrame(codec.readHeader(src), 0), codec.decodeFrame(codec.readHeader(f), 0));
    }

    @Test
    void fileOfZerosIsNotDicom(@TempDir Path tmp) throws Exception {
        Path f = Files.write(tmp.resolve("zeros.dcm"), new byte[100_000]);
        DicomException e = assertThrows(DicomException.class, () -> codec.readHeader(f));
        assertEquals("zeros.dcm: not a DICOM file (no DICM preamble and no valid group 0008 element)", e.getMessage());
    }

    @Test
    void textFileIsNotDicom(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(tmp.resolve("x.txt"), "these are notes, not an image\n".repeat(20));
        DicomException e = assertThrows(DicomException.class, () -> codec.readHeader(f));
        assertEquals("x.txt: not a DICOM file (no DICM preamble and no valid group 0008 element)", e.getMessage());
        assertEquals(f, e.file());
    }

    @Test
    void missingFileIsNamed(@TempDir Path tmp) {
        DicomException e = assertThrows(DicomException.class, () -> codec.readHeader(tmp.resolve("gone.dcm")));
        assertTrue(e.getMessage().startsWith("gone.dcm: file does not exist"), e.getMessage());
    }

    @Test
    void missingImagePositionIsNamed(@TempDir Path tmp) throws Exception {
        Path f = DicomTestData.rewrite(DicomTestData.aorta().resolve("IM0010.dcm"), tmp.resolve("IM0010.dcm"),
                l -> l.remove(TagFromName.ImagePositionPatient));
        DicomException e = assertThrows(DicomException.class, () -> codec.readHeader(f));
        assertEquals("IM0010.dcm: mandatory attribute Image Position (Patient) (0020,0032) is missing", e.getMessage());
    }

    @Test
    void storedValuesAreMaskedAndSignExtended() {
        // 12 bits stored, signed: 0xFFF is −1, 0x800 is −2048, 0x7FF is 2047; bits above Bits Stored are ignored
        int mask = 0xFFF, sign = 0x800;
        assertEquals(-1, PixelMedCodec.stored(0xFFFF, mask, sign, true));
        assertEquals(-2048, PixelMedCodec.stored(0x0800, mask, sign, true));
        assertEquals(2047, PixelMedCodec.stored(0xF7FF, mask, sign, true));
        assertEquals(4095, PixelMedCodec.stored(0xFFFF, mask, sign, false));
    }
}
