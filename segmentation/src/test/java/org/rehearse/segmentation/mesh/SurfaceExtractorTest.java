package org.rehearse.segmentation.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;

class SurfaceExtractorTest {

    /** A ball of the given radius (mm) about an LPS centre, voxel centres inside → 1. */
    static LabelMap ball(ImageGeometry g, double[] centreLps, double radiusMm) {
        LabelMap m = new LabelMap(g);
        double[] p = new double[3];
        for (int k = 0; k < g.slices(); k++) {
            for (int j = 0; j < g.rows(); j++) {
                for (int i = 0; i < g.columns(); i++) {
                    g.indexToLps(new double[] {i, j, k}, p);
                    double dx = p[0] - centreLps[0], dy = p[1] - centreLps[1], dz = p[2] - centreLps[2];
                    if (dx * dx + dy * dy + dz * dz <= radiusMm * radiusMm) {
                        m.set(i, j, k, 1);
                    }
                }
            }
        }
        return m;
    }

    @Test
    void ballSurfaceIsClosedOutwardAndHasTheBallsAreaAndVolume() {
        ImageGeometry g = ImageGeometry.axial(48, 48, 34, new double[] {0.8, 0.8, 1.2}, new double[] {-20, 10, 100});
        double[] c = {-20 + 24 * 0.8, 10 + 24 * 0.8, 100 + 17 * 1.2};
        double r = 12;
        SurfaceMesh mesh = SurfaceExtractor.extract(ball(g, c, r), 1, SurfaceParameters.DEFAULT, Progress.NONE);
        assertTrue(mesh.isWatertight(), "closed and consistently oriented");
        assertEquals(4 * Math.PI * r * r, mesh.areaMm2(), 0.05 * 4 * Math.PI * r * r);
        assertEquals(4.0 / 3 * Math.PI * r * r * r, mesh.volumeMm3(), 0.05 * 4.0 / 3 * Math.PI * r * r * r);
        assertOutward(mesh, c);
        double[] b = mesh.boundsLps();
        assertEquals(c[0] - r, b[0], 1.0);
        assertEquals(c[2] + r, b[5], 1.2);
    }

    @Test
    void decimationKeepsTheBudgetAndTheSurfaceClosed() {
        ImageGeometry g = ImageGeometry.axial(48, 48, 48, new double[] {0.6, 0.6, 0.6}, new double[] {0, 0, 0});
        double[] c = {14.4, 14.4, 14.4};
        SurfaceMesh mesh = SurfaceExtractor.extract(ball(g, c, 12), 1, new SurfaceParameters(20, 0.05, 2000), Progress.NONE);
        assertTrue(mesh.triangleCount() <= 2100, "budget kept: " + mesh.triangleCount());
        assertTrue(mesh.isWatertight());
        assertEquals(4.0 / 3 * Math.PI * 1728, mesh.volumeMm3(), 0.06 * 4.0 / 3 * Math.PI * 1728);
    }

    @Test
    void labelTouchingTheBorderAndMirroredGeometryStillGiveAClosedOutwardSurface() {
        // slices descending in z and columns running to the patient's right: a left-handed index frame
        ImageGeometry g = new ImageGeometry(30, 30, 30, new double[] {1, 1, 1}, new double[] {0, 0, 0},
                new double[] {-1, 0, 0}, new double[] {0, 1, 0}, new double[] {0, 0, -1});
        double[] c = g.indexToLps(new double[] {15, 15, 2}, null); // cut by the first slice
        SurfaceMesh mesh = SurfaceExtractor.extract(ball(g, c, 8), 1, SurfaceParameters.DEFAULT, Progress.NONE);
        assertTrue(mesh.isWatertight(), "capped at the border");
        assertTrue(mesh.volumeMm3() > 0, "outward orientation gives a positive volume");
        assertOutward(mesh, c);
    }

    @Test
    void emptyLabelIsAClearError() {
        LabelMap empty = new LabelMap(ImageGeometry.axial(4, 4, 4, new double[] {1, 1, 1}, new double[] {0, 0, 0}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SurfaceExtractor.extract(empty, 1, SurfaceParameters.DEFAULT, Progress.NONE));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void binaryStlHasTheStandardLayout(@TempDir Path dir) throws Exception {
        ImageGeometry g = ImageGeometry.axial(20, 20, 20, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        SurfaceMesh mesh = SurfaceExtractor.extract(ball(g, new double[] {10, 10, 10}, 6), 1, SurfaceParameters.DEFAULT, Progress.NONE);
        Path stl = dir.resolve("ball.stl");
        StlWriter.write(mesh, stl, "test ball");
        byte[] bytes = Files.readAllBytes(stl);
        assertEquals(84L + 50L * mesh.triangleCount(), bytes.length);
        int count = java.nio.ByteBuffer.wrap(bytes, 80, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
        assertEquals(mesh.triangleCount(), count);
    }

    private static void assertOutward(SurfaceMesh mesh, double[] c) {
        float[] p = mesh.pointsLps(), n = mesh.normals();
        assertEquals(p.length, n.length, "one normal per vertex");
        int outward = 0;
        for (int v = 0; v < p.length; v += 3) {
            double d = (p[v] - c[0]) * n[v] + (p[v + 1] - c[1]) * n[v + 1] + (p[v + 2] - c[2]) * n[v + 2];
            if (d > 0) {
                outward++;
            }
        }
        assertTrue(outward > 0.95 * mesh.vertexCount(), "normals point outward: " + outward + " of " + mesh.vertexCount());
    }
}
