package org.rehearse.rendering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.geometry.Point3D;
import javafx.scene.shape.TriangleMesh;
import javafx.scene.shape.VertexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rehearse.segmentation.mesh.SurfaceMesh;

/** The LPS → scene map and the TriangleMesh layout (no rendering; TriangleMesh still needs the toolkit). */
class FxMeshesTest {

    @BeforeAll
    static void startFx() {
        FxThread.ensureStarted();
    }

    @Test
    void boxesAreClosedAndOutward() {
        SurfaceMesh box = TestSurfaces.box(0, 0, 0, 10, 20, 30);
        assertTrue(box.isWatertight());
        assertEquals(6000, box.volumeMm3(), 1e-6);
        SurfaceMesh tube = TestSurfaces.tube(0, 0, 0, 50, z -> 0, z -> 5, 10, 24);
        assertTrue(tube.isWatertight());
        assertTrue(tube.volumeMm3() > 0);
    }

    @Test
    void lpsMapsToUprightAnteriorFacingScene() {
        // superior is up the screen (−y), anterior is towards the camera (−z), patient's left on the viewer's right (+x)
        assertEquals(new Point3D(0, -1, 0), FxMeshes.lpsToScene(new double[] {0, 0, 1}));
        assertEquals(new Point3D(0, 0, -1), FxMeshes.lpsToScene(new double[] {0, -1, 0}));
        assertEquals(new Point3D(1, 0, 0), FxMeshes.lpsToScene(new double[] {1, 0, 0}));
        double[] lps = {12.5, -40, 7};
        assertArrayEquals(lps, FxMeshes.sceneToLps(FxMeshes.lpsToScene(lps)), 1e-12);
    }

    @Test
    void triangleMeshKeepsOrientationAndCarriesNormals() {
        SurfaceMesh box = TestSurfaces.box(-5, 10, 100, 15, 40, 130);
        TriangleMesh fx = FxMeshes.toTriangleMesh(box);
        assertEquals(VertexFormat.POINT_NORMAL_TEXCOORD, fx.getVertexFormat());
        assertEquals(box.vertexCount() * 3, fx.getPoints().size());
        assertEquals(box.vertexCount() * 3, fx.getNormals().size());
        assertEquals(box.triangleCount() * 9, fx.getFaces().size());
        assertEquals(box.vertexCount() * 2, fx.getTexCoords().size());
        // the scene-space mesh still encloses a positive volume (proper rotation, winding unchanged)
        float[] pts = fx.getPoints().toArray(null);
        int[] faces = fx.getFaces().toArray(null);
        int[] tri = new int[faces.length / 3];
        for (int c = 0; c < tri.length; c++) {
            tri[c] = faces[3 * c];
        }
        SurfaceMesh scene = new SurfaceMesh(pts, tri, null);
        assertEquals(box.volumeMm3(), scene.volumeMm3(), 1e-3);
        // every scene normal points away from the box centre
        Point3D centre = FxMeshes.lpsToScene(new double[] {5, 25, 115});
        float[] nrm = fx.getNormals().toArray(null);
        for (int v = 0; v < box.vertexCount(); v++) {
            Point3D out = new Point3D(pts[3 * v], pts[3 * v + 1], pts[3 * v + 2]).subtract(centre);
            Point3D n = new Point3D(nrm[3 * v], nrm[3 * v + 1], nrm[3 * v + 2]);
            assertTrue(out.dotProduct(n) > 0, "normal of vertex " + v + " points inwards");
        }
    }

    @Test
    void sceneBoundsFollowTheMap() {
        SurfaceMesh box = TestSurfaces.box(-5, 10, 100, 15, 40, 130);
        assertArrayEquals(new double[] {-5, -130, 10, 15, -100, 40}, FxMeshes.sceneBounds(box), 1e-6);
    }

    @Test
    void emptyMeshIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> FxMeshes.toTriangleMesh(new SurfaceMesh(new float[0], new int[0], null)));
    }
}
