package org.rehearse.simulation.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;

/**
 * The centerline and diameters of a real aorta: TotalSegmentator's aorta label of the shared chest CTA
 * ({@code aorta-cta/labels/aorta.nii.gz}, 1.5 mm isotropic), compared with TotalSegmentator's own aortic report of the
 * same patient (cross-section areas at landmarks). Skipped when the shared data is absent.
 */
class RealAortaTest {

    /** Reads a gzipped NIfTI-1 uint8 label map with a diagonal sform (as the shared labels are) into LPS. */
    static LabelMap readNiftiLabels(Path file) throws IOException {
        byte[] all;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            all = in.readAllBytes();
        }
        ByteBuffer h = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        if (h.getInt(0) != 348) throw new IOException(file + ": not a little-endian NIfTI-1 file");
        int nx = h.getShort(42), ny = h.getShort(44), nz = h.getShort(46);
        if (h.getShort(70) != 2) throw new IOException(file + ": expected uint8 labels, datatype " + h.getShort(70));
        int offset = (int) h.getFloat(108);
        double[][] srow = new double[3][4];
        for (int r = 0; r < 3; r++) for (int c = 0; c < 4; c++) srow[r][c] = h.getFloat(280 + 16 * r + 4 * c);
        // RAS → LPS: negate x and y rows; the shared labels have a diagonal affine
        double[] spacing = {Math.abs(srow[0][0]), Math.abs(srow[1][1]), Math.abs(srow[2][2])};
        double[] origin = {-srow[0][3], -srow[1][3], srow[2][3]};
        double[] rowDir = {-Math.signum(srow[0][0]), 0, 0}, colDir = {0, -Math.signum(srow[1][1]), 0},
                sliceDir = {0, 0, Math.signum(srow[2][2])};
        ImageGeometry g = new ImageGeometry(nx, ny, nz, spacing, origin, rowDir, colDir, sliceDir);
        byte[] labels = Arrays.copyOfRange(all, offset, offset + nx * ny * nz);
        return new LabelMap(g, labels);
    }

    static double areaDiameterMm(double areaCm2) {
        return 2 * Math.sqrt(areaCm2 * 100 / Math.PI);
    }

    @Test
    void realAortaCenterlineAndDiameters() throws IOException {
        String data = System.getProperty("rehearse.shared.data");
        Assumptions.assumeTrue(data != null, "rehearse.shared.data not set");
        Path file = Path.of(data, "aorta-cta", "labels", "aorta.nii.gz");
        Assumptions.assumeTrue(Files.isRegularFile(file), "no shared aorta label at " + file);
        LabelMap mask = readNiftiLabels(file);
        double[] seed = {-2.7, -146.2, 577.7}; // descending aorta, from the data's README
        Centerline c = CenterlineExtractor.extract(mask, seed, Progress.NONE);
        DiameterProfile p = DiameterProfile.measure(mask, c, Progress.NONE);
        Lesion lesion = LesionFinder.find(p);
        double[] first = c.pointLps(0), last = c.pointLps(c.size() - 1);
        System.out.printf("real aorta: %d points, length %.1f mm, first %s, last %s%n", c.size(), c.lengthMm(),
                Arrays.toString(first), Arrays.toString(last));
        System.out.println("real aorta lesion: " + lesion + " at " + Arrays.toString(lesion.throatLps()));
        StringBuilder sb = new StringBuilder("real aorta diameters (every 10 mm):");
        for (int i = 0; i < c.size(); i += 10) sb.append(String.format(" %.0f:%.1f/%.1f%s", c.arcLengthMm(i), p.diameterMm(i),
                p.inscribedDiameterMm(i), p.branchSuspected(i) ? "b" : ""));
        System.out.println(sb);

        // s = 0 is the ascending aorta: anterior (smaller y) to the descending end, which is the inferior one
        assertTrue(first[1] < last[1] - 10, "ascending end anterior to descending end");
        assertTrue(last[2] < first[2], "descending end inferior to the aortic root");
        assertTrue(c.lengthMm() > 150, "length " + c.lengthMm());
        // every centerline point inside the lumen
        MaskSampler sampler = new MaskSampler(mask);
        int outside = 0;
        for (int i = 0; i < c.size(); i++) if (sampler.valueAtLps(c.pointLps(i)) < 0.5) outside++;
        assertTrue(outside <= 2, outside + " centerline points outside the lumen");

        // diameters against the report: descending aorta (mid descending 6.9 cm², T12 7.0 cm²) over the distal third;
        // ascending aorta (mid ascending 8.2 cm², sinuses 8.4 cm²) as the widest section of the proximal third
        double desc = areaDiameterMm(6.95), asc = areaDiameterMm(8.3);
        double[] d = p.diameterMm();
        double len = c.lengthMm();
        double[] distal = new double[d.length];
        int n = 0;
        double maxProx = 0;
        for (int i = 0; i < d.length; i++) {
            if (p.endZone(i)) continue;
            double s = c.arcLengthMm(i);
            if (s > 2 * len / 3) distal[n++] = d[i];
            if (s < len / 3) maxProx = Math.max(maxProx, d[i]);
        }
        Arrays.sort(distal, 0, n);
        double medianDistal = distal[n / 2];
        System.out.printf("real aorta: distal median %.1f mm (report %.1f), proximal max %.1f mm (report %.1f)%n",
                medianDistal, desc, maxProx, asc);
        assertEquals(desc, medianDistal, 0.12 * desc);
        assertEquals(asc, maxProx, 0.12 * asc);
    }
}
