package org.rehearse.app.ui;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.image.Volume;
import org.rehearse.segmentation.mesh.SurfaceMesh;

/**
 * Test-only access to the real CTA in the shared data folder (aorta-cta): a minimal reader for its uncompressed
 * single-frame series (PixelMed for the attributes), its NIfTI-1 uint8 label map, and a voxel-face ("cuberille")
 * surface of a mask. Only for looking at real anatomy in the UI tests; the product's readers and surface extraction
 * live in the segmentation module.
 */
final class RealCase {
    private RealCase() {
    }

    /** @return the aorta-cta folder, or null when the shared data are absent */
    static Path folder() {
        String base = System.getProperty("rehearse.shared.data");
        if (base == null) {
            return null;
        }
        Path p = Path.of(base, "aorta-cta");
        return Files.isDirectory(p.resolve("dicom")) ? p : null;
    }

    /** Reads the series (slices sorted along the slice normal) into a CT volume in HU. */
    static Volume readSeries(Path dicomDir) throws Exception {
        List<AttributeList> slices = new ArrayList<>();
        try (Stream<Path> files = Files.list(dicomDir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".dcm")).sorted().toList()) {
                AttributeList a = new AttributeList();
                a.read(f.toFile());
                slices.add(a);
            }
        }
        AttributeList first = slices.get(0);
        double[] iop = Attribute.getDoubleValues(first, TagFromName.ImageOrientationPatient);
        double[] row = {iop[0], iop[1], iop[2]}, col = {iop[3], iop[4], iop[5]};
        double[] normal = {row[1] * col[2] - row[2] * col[1], row[2] * col[0] - row[0] * col[2], row[0] * col[1] - row[1] * col[0]};
        Map<AttributeList, Double> pos = new HashMap<>();
        for (AttributeList a : slices) {
            double[] ipp = Attribute.getDoubleValues(a, TagFromName.ImagePositionPatient);
            pos.put(a, ipp[0] * normal[0] + ipp[1] * normal[1] + ipp[2] * normal[2]);
        }
        slices.sort(Comparator.comparingDouble(pos::get));
        int rows = Attribute.getSingleIntegerValueOrDefault(first, TagFromName.Rows, 0);
        int cols = Attribute.getSingleIntegerValueOrDefault(first, TagFromName.Columns, 0);
        double[] ps = Attribute.getDoubleValues(first, TagFromName.PixelSpacing);
        int n = slices.size();
        double dz = (pos.get(slices.get(n - 1)) - pos.get(slices.get(0))) / (n - 1);
        double[] origin = Attribute.getDoubleValues(first, TagFromName.ImagePositionPatient);
        ImageGeometry g = new ImageGeometry(cols, rows, n, new double[] {ps[1], ps[0], dz}, origin, row, col, normal);
        short[] v = new short[cols * rows * n];
        for (int k = 0; k < n; k++) {
            AttributeList a = slices.get(k);
            double slope = Attribute.getSingleDoubleValueOrDefault(a, TagFromName.RescaleSlope, 1);
            double icpt = Attribute.getSingleDoubleValueOrDefault(a, TagFromName.RescaleIntercept, 0);
            short[] px = a.get(TagFromName.PixelData).getShortValues();
            for (int q = 0; q < rows * cols; q++) {
                v[q + rows * cols * k] = (short) Math.round(px[q] * slope + icpt);
            }
        }
        return new Volume(g, v, "CT");
    }

    /** Reads a NIfTI-1 uint8 label map (little endian, gzip) whose voxel axes are the volume's i, j, k. */
    static LabelMap readLabels(Path niiGz, ImageGeometry g) throws IOException {
        byte[] all;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(niiGz))) {
            all = new DataInputStream(in).readAllBytes();
        }
        ByteBuffer h = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        if (h.getInt(0) != 348 || h.getShort(70) != 2) {
            throw new IOException(niiGz + ": expected a little-endian NIfTI-1 uint8 label map");
        }
        int nx = h.getShort(42), ny = h.getShort(44), nz = h.getShort(46);
        if (nx != g.columns() || ny != g.rows() || nz != g.slices()) {
            throw new IOException(niiGz + ": grid " + nx + "x" + ny + "x" + nz + " differs from the image " + g);
        }
        int off = (int) h.getFloat(108);
        byte[] lab = new byte[nx * ny * nz];
        System.arraycopy(all, off, lab, 0, lab.length);
        return new LabelMap(g, lab);
    }

    /**
     * The boundary of a mask as voxel faces: one quad (two triangles) per face between a foreground and a background
     * voxel, vertices at voxel corners (shared), placed with {@link ImageGeometry#indexToLps}; closed and outward
     * (for a right-handed index → LPS map).
     */
    static SurfaceMesh cuberille(LabelMap mask) {
        ImageGeometry g = mask.geometry();
        int nx = g.columns(), ny = g.rows(), nz = g.slices();
        Map<Long, Integer> corner = new HashMap<>();
        List<Float> pts = new ArrayList<>();
        List<Integer> tris = new ArrayList<>();
        int[][] dirs = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
        double[] tmp = new double[3];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    if (mask.get(i, j, k) == 0) {
                        continue;
                    }
                    for (int[] d : dirs) {
                        int a = i + d[0], b = j + d[1], c = k + d[2];
                        if (g.contains(a, b, c) && mask.get(a, b, c) != 0) {
                            continue;
                        }
                        // face centre offset d/2; two in-face axes u, w with u × w = d
                        int axis = d[0] != 0 ? 0 : d[1] != 0 ? 1 : 2;
                        int s = d[axis];
                        int ua = (axis + 1) % 3, wa = (axis + 2) % 3;
                        int[][] cs = new int[4][3];
                        int[][] uv = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
                        for (int q = 0; q < 4; q++) {
                            int[] cc = {2 * i, 2 * j, 2 * k};
                            cc[axis] += s;
                            cc[ua] += uv[q][0] == 0 ? -1 : 1;
                            cc[wa] += uv[q][1] == 0 ? -1 : 1;
                            cs[q] = cc;
                        }
                        int[] idx = new int[4];
                        for (int q = 0; q < 4; q++) {
                            long key = ((long) (cs[q][0] + 1) << 42) | ((long) (cs[q][1] + 1) << 21) | (cs[q][2] + 1);
                            Integer id = corner.get(key);
                            if (id == null) {
                                id = pts.size() / 3;
                                corner.put(key, id);
                                g.indexToLps(new double[] {cs[q][0] / 2.0, cs[q][1] / 2.0, cs[q][2] / 2.0}, tmp);
                                pts.add((float) tmp[0]);
                                pts.add((float) tmp[1]);
                                pts.add((float) tmp[2]);
                            }
                            idx[q] = id;
                        }
                        // (u, w, d) right-handed: counter-clockwise u → w seen from +d when s > 0
                        if (s > 0) {
                            tris.addAll(List.of(idx[0], idx[1], idx[2], idx[0], idx[2], idx[3]));
                        } else {
                            tris.addAll(List.of(idx[0], idx[2], idx[1], idx[0], idx[3], idx[2]));
                        }
                    }
                }
            }
        }
        float[] p = new float[pts.size()];
        for (int q = 0; q < p.length; q++) {
            p[q] = pts.get(q);
        }
        return new SurfaceMesh(p, tris.stream().mapToInt(Integer::intValue).toArray(), null);
    }
}
