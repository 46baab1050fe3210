package org.rehearse.segmentation.segment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.image.Volume;

/**
 * Test-only minimal reader of the real aorta CTA ({@code aorta-cta/} of the shared data, see its README): the
 * DICOM files are Explicit VR Little Endian, signed 16-bit, 120 × 126, pixel data = the last 120·126·2 bytes,
 * HU = stored − 1024, IM0001…IM0164 = slices k 0…163 ascending in z. Geometry from the first file's Image
 * Position (Patient) (0020,0032) and Pixel Spacing (0028,0030); the label NIfTI files are gzip, 352-byte header,
 * uint8 on the same grid. Not a DICOM reader: the project's reader lives in the dicom package.
 */
final class AortaCtaData {
    static final int COLUMNS = 120, ROWS = 126, SLICES = 164;
    /** Seed in the true lumen of the descending aorta, from the data README. */
    static final double[] SEED_LPS = {-2.7, -146.2, 577.7};

    private AortaCtaData() {
    }

    /** @return the data folder, or skips the test if the shared data are absent */
    static Path folder() {
        String root = System.getProperty("rehearse.shared.data");
        Path p = root == null ? null : Path.of(root, "aorta-cta");
        Assumptions.assumeTrue(p != null && Files.isDirectory(p.resolve("dicom")), "shared data aorta-cta absent");
        return p;
    }

    static Volume ct() throws IOException {
        Path dir = folder().resolve("dicom");
        short[] hu = new short[COLUMNS * ROWS * SLICES];
        double[] origin = null, spacing = null;
        for (int k = 0; k < SLICES; k++) {
            byte[] b = Files.readAllBytes(dir.resolve(String.format("IM%04d.dcm", k + 1)));
            if (k == 0) {
                origin = decimals(b, 0x0020, 0x0032);
                double[] ps = decimals(b, 0x0028, 0x0030);
                spacing = new double[] {ps[1], ps[0], 0};
            } else if (k == 1) {
                spacing[2] = decimals(b, 0x0020, 0x0032)[2] - origin[2];
            }
            ByteBuffer bb = ByteBuffer.wrap(b, b.length - COLUMNS * ROWS * 2, COLUMNS * ROWS * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (int n = 0; n < COLUMNS * ROWS; n++) {
                hu[n + COLUMNS * ROWS * k] = (short) (bb.getShort() - 1024);
            }
        }
        return new Volume(ImageGeometry.axial(COLUMNS, ROWS, SLICES, spacing, origin), hu, "CT");
    }

    static LabelMap label(ImageGeometry g, String name) throws IOException {
        Path p = folder().resolve("labels").resolve(name + ".nii.gz");
        byte[] all;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            all = in.readAllBytes();
        }
        byte[] lab = new byte[COLUMNS * ROWS * SLICES];
        System.arraycopy(all, 352, lab, 0, lab.length);
        return new LabelMap(g, lab);
    }

    /** Finds a little-endian element (explicit VR DS or implicit VR) and parses its backslash-separated decimals. */
    private static double[] decimals(byte[] b, int group, int element) {
        for (int n = 0; n + 8 < b.length; n++) {
            if ((b[n] & 0xFF) == (group & 0xFF) && (b[n + 1] & 0xFF) == group >> 8 && (b[n + 2] & 0xFF) == (element & 0xFF)
                    && (b[n + 3] & 0xFF) == element >> 8) {
                boolean explicit = b[n + 4] == 'D' && b[n + 5] == 'S';
                int len = explicit ? (b[n + 6] & 0xFF) | (b[n + 7] & 0xFF) << 8
                        : (b[n + 4] & 0xFF) | (b[n + 5] & 0xFF) << 8 | (b[n + 6] & 0xFF) << 16;
                String[] parts = new String(b, n + 8, len, StandardCharsets.US_ASCII).trim().split("\\\\");
                double[] out = new double[parts.length];
                for (int a = 0; a < parts.length; a++) {
                    out[a] = Double.parseDouble(parts[a].trim());
                }
                return out;
            }
        }
        throw new IllegalStateException("element (" + Integer.toHexString(group) + "," + Integer.toHexString(element) + ") not found");
    }
}
