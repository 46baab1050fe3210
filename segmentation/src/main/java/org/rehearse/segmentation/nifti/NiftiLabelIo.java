package org.rehearse.segmentation.nifti;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;

/**
 * Reads and writes label maps as single-file NIfTI-1 images ({@code .nii}, or gzip-compressed {@code .nii.gz}).
 *
 * <p>Format: the NIfTI-1 header of 348 bytes followed by a 4-byte extension flag (all zero) and the voxel data at
 * {@code vox_offset} = 352, magic {@code "n+1"} (NIfTI-1 header documentation, {@code nifti1.h}, NIfTI Data Format
 * Working Group, 2004). Axes: NIfTI {@code i} = DICOM column, {@code j} = row, {@code k} = slice in the order of the
 * {@link ImageGeometry}; the voxel order in the file (i fastest, then j, then k) is therefore exactly the layout of
 * {@link LabelMap#labels()} and no reordering takes place.
 *
 * <p>Coordinates: NIfTI world coordinates are RAS (+x towards the patient's right, +y anterior, +z head), so
 * RAS = diag(−1, −1, 1)·LPS. On writing, {@code sform_code = qform_code = 1} (scanner anatomical)
 * with srow_x/y/z = the first three rows of {@link ImageGeometry#rasAffine()}, and a quaternion qform (method 2 of
 * {@code nifti1.h}) encoding the same rotation for orthonormal directions; for a non-orthonormal grid (gantry tilt)
 * the qform can only approximate the grid and readers should prefer the sform, as 3D Slicer and ITK do. On reading,
 * the geometry is built from the sform when {@code sform_code > 0}, else from the qform when {@code qform_code > 0},
 * else from pixdim alone (NIfTI "method 1", origin 0); RAS is converted back to LPS.
 *
 * <p>Data types read: uint8 (2), int8 (256), int16 (4), uint16 (512), int32 (8), uint32 (768), float32 (16) and
 * float64 (64), little or big endian; {@code scl_slope}/{@code scl_inter} are applied when slope is non-zero.
 * Each value is rounded to the nearest integer and clipped to 0…255, so labels above 255 become 255 and negative
 * values become background (0). Written files are always little-endian uint8 (datatype 2) with slope 0
 * (no scaling). 4D images are accepted only when every dimension above the third is 1.
 *
 * <p>Errors: every problem (not NIfTI, NIfTI-2, the two-file {@code .hdr/.img} form, truncated data, unsupported
 * datatype, 4D) is a {@link NiftiFormatException} (an {@link IOException}) naming the file and the problem.
 */
public final class NiftiLabelIo {
    /** Size of the NIfTI-1 header in bytes (the value of {@code sizeof_hdr}). */
    public static final int HEADER_SIZE = 348;
    /** Offset of the voxel data in single-file NIfTI-1 written here: header + 4-byte extension flag. */
    public static final int VOX_OFFSET = 352;

    private NiftiLabelIo() {
    }

    /**
     * Reads a label map from a {@code .nii} or {@code .nii.gz} file (gzip is recognised by its magic bytes, not by
     * the file name).
     *
     * @param file the NIfTI-1 file
     * @return the label map (labels 0…255, see the class documentation) on an LPS {@link ImageGeometry}
     * @throws NiftiFormatException when the file is not a readable NIfTI-1 label map
     * @throws IOException          when the file cannot be read
     */
    public static LabelMap read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0x1F && (bytes[1] & 0xFF) == 0x8B) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes), 1 << 16)) {
                bytes = in.readAllBytes();
            } catch (ZipException | java.io.EOFException e) {
                throw new NiftiFormatException(file, "gzip data is corrupt or truncated (" + e.getMessage() + ")");
            }
        }
        return decode(bytes, file);
    }

    /**
     * Decodes an uncompressed single-file NIfTI-1 image held in memory.
     *
     * @param bytes the file contents (header and data)
     * @param file  the file name for error messages; may be null
     * @return the label map
     * @throws NiftiFormatException when the bytes are not a readable NIfTI-1 label map
     */
    public static LabelMap decode(byte[] bytes, Path file) throws NiftiFormatException {
        if (bytes.length < HEADER_SIZE) {
            throw new NiftiFormatException(file, "not a NIfTI-1 file: only " + bytes.length + " bytes, the header alone has 348");
        }
        ByteBuffer h = ByteBuffer.wrap(bytes, 0, HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        if (h.getInt(0) != HEADER_SIZE) {
            h.order(ByteOrder.BIG_ENDIAN);
            if (h.getInt(0) != HEADER_SIZE) {
                if (Integer.reverseBytes(h.getInt(0)) == 540 || h.getInt(0) == 540) {
                    throw new NiftiFormatException(file, "NIfTI-2 files are not supported (sizeof_hdr 540)");
                }
                throw new NiftiFormatException(file, "not a NIfTI-1 file (sizeof_hdr is not 348)");
            }
        }
        String magic = new String(bytes, 344, 3, StandardCharsets.US_ASCII);
        if (magic.equals("ni1")) {
            throw new NiftiFormatException(file, "two-file NIfTI (.hdr/.img, magic \"ni1\") is not supported; use a single .nii or .nii.gz");
        }
        if (!magic.equals("n+1")) {
            throw new NiftiFormatException(file, "not a NIfTI-1 file (magic is not \"n+1\"; an old ANALYZE 7.5 header?)");
        }
        int ndim = h.getShort(40);
        if (ndim < 1 || ndim > 7) {
            throw new NiftiFormatException(file, "invalid dim[0] = " + ndim + " (must be 1…7)");
        }
        int[] dim = new int[8];
        for (int d = 1; d <= 7; d++) {
            dim[d] = d <= ndim ? h.getShort(40 + 2 * d) : 1;
            if (dim[d] <= 0) {
                throw new NiftiFormatException(file, "invalid dim[" + d + "] = " + dim[d]);
            }
        }
        for (int d = 4; d <= 7; d++) {
            if (dim[d] != 1) {
                throw new NiftiFormatException(file, "image has " + ndim + " dimensions (dim[" + d + "] = " + dim[d]
                        + "); only 3D label maps are supported");
            }
        }
        int datatype = h.getShort(70);
        int bytesPerVoxel;
        switch (datatype) {
            case 2: case 256: bytesPerVoxel = 1; break;
            case 4: case 512: bytesPerVoxel = 2; break;
            case 8: case 768: case 16: bytesPerVoxel = 4; break;
            case 64: bytesPerVoxel = 8; break;
            default:
                throw new NiftiFormatException(file, "datatype " + datatype + " is not supported for label maps "
                        + "(supported: uint8, int8, int16, uint16, int32, uint32, float32, float64)");
        }
        float voxOffsetF = h.getFloat(108);
        long voxOffset = (long) voxOffsetF;
        if (voxOffset < HEADER_SIZE || voxOffset != voxOffsetF) {
            throw new NiftiFormatException(file, "invalid vox_offset " + voxOffsetF + " for a single-file NIfTI (must be an integer ≥ 348)");
        }
        long voxels = (long) dim[1] * dim[2] * dim[3];
        if (voxels > Integer.MAX_VALUE - 8) {
            throw new NiftiFormatException(file, "image of " + voxels + " voxels is too large");
        }
        long needed = voxOffset + voxels * bytesPerVoxel;
        if (bytes.length < needed) {
            throw new NiftiFormatException(file, "truncated: " + dim[1] + "x" + dim[2] + "x" + dim[3] + " voxels of "
                    + bytesPerVoxel + " bytes need " + needed + " bytes, the file has " + bytes.length);
        }
        double slope = h.getFloat(112), inter = h.getFloat(116);
        boolean scale = slope != 0 && Double.isFinite(slope) && Double.isFinite(inter) && !(slope == 1 && inter == 0);
        ImageGeometry geometry = geometry(h, dim, file);

        byte[] labels = new byte[(int) voxels];
        ByteBuffer data = ByteBuffer.wrap(bytes).order(h.order());
        int base = (int) voxOffset;
        for (int n = 0; n < labels.length; n++) {
            double v;
            switch (datatype) {
                case 2: v = bytes[base + n] & 0xFF; break;
                case 256: v = bytes[base + n]; break;
                case 4: v = data.getShort(base + 2 * n); break;
                case 512: v = data.getShort(base + 2 * n) & 0xFFFF; break;
                case 8: v = data.getInt(base + 4 * n); break;
                case 768: v = data.getInt(base + 4 * n) & 0xFFFFFFFFL; break;
                case 16: v = data.getFloat(base + 4 * n); break;
                default: v = data.getDouble(base + 8 * n); break;
            }
            if (scale) {
                v = v * slope + inter;
            }
            long r = Double.isNaN(v) ? 0 : Math.round(v);
            labels[n] = (byte) (r <= 0 ? 0 : r >= 255 ? 255 : r);
        }
        return new LabelMap(geometry, labels);
    }

    /** Geometry from sform (preferred), qform, or pixdim; RAS → LPS. */
    private static ImageGeometry geometry(ByteBuffer h, int[] dim, Path file) throws NiftiFormatException {
        int qformCode = h.getShort(252), sformCode = h.getShort(254);
        double[][] ras = new double[3][4]; // rows x,y,z; columns i,j,k,offset
        if (sformCode > 0) {
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 4; c++) {
                    ras[r][c] = h.getFloat(280 + 16 * r + 4 * c);
                }
            }
        } else if (qformCode > 0) {
            double b = h.getFloat(256), c = h.getFloat(260), d = h.getFloat(264);
            double a2 = 1.0 - (b * b + c * c + d * d);
            double a = a2 < 1e-7 ? 0 : Math.sqrt(a2);
            if (a2 < 1e-7) { // 180° rotation: renormalise b, c, d (as nifti1.h advises)
                double n = Math.sqrt(b * b + c * c + d * d);
                b /= n;
                c /= n;
                d /= n;
            }
            double qfac = h.getFloat(76) < 0 ? -1 : 1;
            double[][] rot = {
                {a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)},
                {2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)},
                {2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b}};
            double[] px = {h.getFloat(80), h.getFloat(84), h.getFloat(88)};
            for (int r = 0; r < 3; r++) {
                ras[r][0] = rot[r][0] * Math.abs(px[0]);
                ras[r][1] = rot[r][1] * Math.abs(px[1]);
                ras[r][2] = rot[r][2] * Math.abs(px[2]) * qfac;
                ras[r][3] = h.getFloat(268 + 4 * r);
            }
        } else {
            for (int r = 0; r < 3; r++) {
                ras[r][r] = Math.abs(h.getFloat(80 + 4 * r));
            }
        }
        double[] spacing = new double[3];
        double[][] dirLps = new double[3][3];
        double[] flip = {-1, -1, 1};
        for (int c = 0; c < 3; c++) {
            double n = Math.sqrt(ras[0][c] * ras[0][c] + ras[1][c] * ras[1][c] + ras[2][c] * ras[2][c]);
            if (!(n > 0) || !Double.isFinite(n)) {
                throw new NiftiFormatException(file, "voxel-to-world transform has a zero or invalid column " + c);
            }
            spacing[c] = n;
            for (int r = 0; r < 3; r++) {
                dirLps[c][r] = flip[r] * ras[r][c] / n;
            }
        }
        double[] origin = {-ras[0][3], -ras[1][3], ras[2][3]};
        try {
            return new ImageGeometry(dim[1], dim[2], dim[3], spacing, origin, dirLps[0], dirLps[1], dirLps[2]);
        } catch (IllegalArgumentException e) {
            throw new NiftiFormatException(file, "invalid geometry: " + e.getMessage());
        }
    }

    /**
     * Writes a label map as a little-endian uint8 NIfTI-1 file; gzip-compressed when the file name ends with
     * {@code .gz}. The parent directory must exist; on failure an
     * exception is thrown and the file may be incomplete.
     *
     * @param labels the label map (labels 0…255)
     * @param file   destination, normally {@code *.nii} or {@code *.nii.gz}
     * @throws IllegalArgumentException when a dimension exceeds 32767 (NIfTI-1 stores dims as int16)
     * @throws IOException              when the file cannot be written
     */
    public static void write(LabelMap labels, Path file) throws IOException {
        byte[] header = encodeHeader(labels.geometry());
        boolean gz = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gz");
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             OutputStream out = gz ? new GZIPOutputStream(raw, 1 << 16) : raw) {
            out.write(header);
            out.write(labels.labels());
        }
    }

    /**
     * Encodes a label map as an uncompressed NIfTI-1 file in memory (header, extension flag, data).
     *
     * @param labels the label map
     * @return the bytes of a {@code .nii} file
     */
    public static byte[] encode(LabelMap labels) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(VOX_OFFSET + labels.labels().length);
        out.writeBytes(encodeHeader(labels.geometry()));
        out.writeBytes(labels.labels());
        return out.toByteArray();
    }

    /** The 352 bytes before the data: header plus a zero extension flag. */
    static byte[] encodeHeader(ImageGeometry g) {
        if (g.columns() > Short.MAX_VALUE || g.rows() > Short.MAX_VALUE || g.slices() > Short.MAX_VALUE) {
            throw new IllegalArgumentException("NIfTI-1 cannot store a dimension above 32767: " + g);
        }
        ByteBuffer h = ByteBuffer.allocate(VOX_OFFSET).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0, HEADER_SIZE);
        h.put(38, (byte) 'r');                   // regular
        short[] dim = {3, (short) g.columns(), (short) g.rows(), (short) g.slices(), 1, 1, 1, 1};
        for (int d = 0; d < 8; d++) {
            h.putShort(40 + 2 * d, dim[d]);
        }
        h.putShort(68, (short) 1002);            // intent_code NIFTI_INTENT_LABEL
        h.putShort(70, (short) 2);               // datatype uint8
        h.putShort(72, (short) 8);               // bitpix
        double[][] a = g.rasAffine();
        double[] q = quaternion(a, g.spacingMm());
        h.putFloat(76, (float) q[3]);            // pixdim[0] = qfac
        for (int d = 0; d < 3; d++) {
            h.putFloat(80 + 4 * d, (float) g.spacingMm(d));
        }
        for (int d = 3; d < 7; d++) {
            h.putFloat(80 + 4 * d, 1f);
        }
        h.putFloat(108, VOX_OFFSET);
        h.putFloat(112, 0f);                     // scl_slope 0: no scaling
        h.putFloat(116, 0f);
        h.put(123, (byte) 2);                    // xyzt_units: mm
        h.putFloat(124, 255f);                   // cal_max
        h.putFloat(128, 0f);                     // cal_min
        byte[] descrip = "Rehearse label map".getBytes(StandardCharsets.US_ASCII);
        h.put(148, descrip);
        h.putShort(252, (short) 1);              // qform_code scanner
        h.putShort(254, (short) 1);              // sform_code scanner
        h.putFloat(256, (float) q[0]);
        h.putFloat(260, (float) q[1]);
        h.putFloat(264, (float) q[2]);
        h.putFloat(268, (float) a[0][3]);
        h.putFloat(272, (float) a[1][3]);
        h.putFloat(276, (float) a[2][3]);
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                h.putFloat(280 + 16 * r + 4 * c, (float) a[r][c]);
            }
        }
        h.put(344, "n+1".getBytes(StandardCharsets.US_ASCII));
        return h.array();
    }

    /**
     * Quaternion (b, c, d) and qfac of the rotation part of a RAS affine, following the qform definition of
     * {@code nifti1.h}: R = [columns of the affine divided by their length], with the third column negated and
     * qfac = −1 when det R &lt; 0. The quaternion is taken from the nearest proper rotation by the standard
     * trace-based (Shepperd) method, with a ≥ 0.
     *
     * @return {b, c, d, qfac}
     */
    static double[] quaternion(double[][] a, double[] spacing) {
        double[][] r = new double[3][3];
        for (int c = 0; c < 3; c++) {
            for (int row = 0; row < 3; row++) {
                r[row][c] = a[row][c] / spacing[c];
            }
        }
        double det = r[0][0] * (r[1][1] * r[2][2] - r[1][2] * r[2][1]) - r[0][1] * (r[1][0] * r[2][2] - r[1][2] * r[2][0])
                + r[0][2] * (r[1][0] * r[2][1] - r[1][1] * r[2][0]);
        double qfac = 1;
        if (det < 0) {
            qfac = -1;
            for (int row = 0; row < 3; row++) {
                r[row][2] = -r[row][2];
            }
        }
        double trace = r[0][0] + r[1][1] + r[2][2];
        double qa, qb, qc, qd;
        if (trace > 0) {
            double s = 2 * Math.sqrt(1 + trace);
            qa = 0.25 * s;
            qb = (r[2][1] - r[1][2]) / s;
            qc = (r[0][2] - r[2][0]) / s;
            qd = (r[1][0] - r[0][1]) / s;
        } else if (r[0][0] > r[1][1] && r[0][0] > r[2][2]) {
            double s = 2 * Math.sqrt(1 + r[0][0] - r[1][1] - r[2][2]);
            qa = (r[2][1] - r[1][2]) / s;
            qb = 0.25 * s;
            qc = (r[0][1] + r[1][0]) / s;
            qd = (r[0][2] + r[2][0]) / s;
        } else if (r[1][1] > r[2][2]) {
            double s = 2 * Math.sqrt(1 + r[1][1] - r[0][0] - r[2][2]);
            qa = (r[0][2] - r[2][0]) / s;
            qb = (r[0][1] + r[1][0]) / s;
            qc = 0.25 * s;
            qd = (r[1][2] + r[2][1]) / s;
        } else {
            double s = 2 * Math.sqrt(1 + r[2][2] - r[0][0] - r[1][1]);
            qa = (r[1][0] - r[0][1]) / s;
            qb = (r[0][2] + r[2][0]) / s;
            qc = (r[1][2] + r[2][1]) / s;
            qd = 0.25 * s;
        }
        double n = Math.sqrt(qa * qa + qb * qb + qc * qc + qd * qd);
        if (qa < 0) {
            n = -n;
        }
        return new double[] {qb / n, qc / n, qd / n, qfac};
    }
}
