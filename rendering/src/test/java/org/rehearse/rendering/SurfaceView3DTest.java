package org.rehearse.rendering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.CullFace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rehearse.segmentation.mesh.SurfaceMesh;

/** Renders meshes off-screen and checks orientation (upright, anterior view), winding and lighting by pixels. */
class SurfaceView3DTest {
    private static final int W = 400, H = 400;

    @BeforeAll
    static void startFx() {
        FxTestSupport.start();
    }

    private static WritableImage render(SurfaceView3D view) {
        StackPane root = new StackPane(view);
        Scene scene = new Scene(root, W, H);
        root.applyCss();
        root.layout();
        return scene.snapshot(null);
    }

    @Test
    void superiorIsUpAndPatientLeftIsOnTheViewersRight() throws Exception {
        WritableImage img = FxThread.call(() -> {
            SurfaceView3D v = new SurfaceView3D();
            // a big reference box at the origin and a small marker box to the patient's left (+L) and superior (+S)
            v.addSurface(TestSurfaces.box(-20, -20, -20, 20, 20, 20), Color.DODGERBLUE);
            v.addSurface(TestSurfaces.box(40, -10, 40, 60, 10, 60), Color.RED);
            v.resetView();
            return render(v);
        });
        FxThread.writePng(img, FxTestSupport.targetDir().resolve("test-orientation.png"));
        double topRight = FxTestSupport.redFraction(img, W / 2, 0, W, H / 2);
        double elsewhere = FxTestSupport.redFraction(img, 0, 0, W / 2, H) + FxTestSupport.redFraction(img, W / 2, H / 2, W, H);
        assertTrue(topRight > 0.01, "red marker (patient left, superior) should appear top right, fraction " + topRight);
        assertEquals(0, elsewhere, 1e-3, "red marker should appear nowhere else");
    }

    @Test
    void frontFacesFaceTheViewerAndAreLit() throws Exception {
        // one triangle in the coronal plane y = −10 (anterior of the origin), wound counter-clockwise seen from anterior
        // (outward normal −y = anterior, towards the default camera)
        SurfaceMesh front = new SurfaceMesh(new float[] {-30, -10, -30, 30, -10, -30, 0, -10, 30}, new int[] {0, 1, 2}, null);
        SurfaceMesh back = new SurfaceMesh(front.pointsLps(), new int[] {0, 2, 1}, null);
        assertTrue(anteriorNormalY(front) < 0, "test triangle must face anterior");
        Color[] seen = FxThread.call(() -> {
            Color[] out = new Color[2];
            SurfaceMesh[] meshes = {front, back};
            for (int m = 0; m < 2; m++) {
                SurfaceView3D v = new SurfaceView3D();
                v.setBackground3D(Color.BLACK);
                v.addSurface(meshes[m], Color.WHITE).setCullFace(CullFace.BACK);
                v.resetView();
                out[m] = FxTestSupport.pixel(render(v), W / 2.0, H / 2.0);
            }
            return out;
        });
        assertTrue(seen[0].getBrightness() > 0.5, "front-facing triangle should be drawn and lit, got " + seen[0]);
        assertEquals(0, seen[1].getBrightness(), 0.02, "back-facing triangle should be culled, got " + seen[1]);
    }

    @Test
    void sharpCornersWithAxisAlignedNormalsAreLit() throws Exception {
        // a tetrahedron with shared vertices: two vertex normals are exactly +L and +S and lie in the anterior face;
        // with degenerate texture coordinates JavaFX drew that face black
        SurfaceMesh tetra = new SurfaceMesh(new float[] {0, 0, 0, 30, 0, 0, 0, 30, 0, 0, 0, 30},
                new int[] {0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3}, null);
        assertTrue(tetra.isWatertight() && tetra.volumeMm3() > 0);
        WritableImage img = FxThread.call(() -> {
            SurfaceView3D v = new SurfaceView3D();
            v.addSurface(tetra, Color.CRIMSON);
            v.resetView();
            return render(v);
        });
        // the anterior face is the right triangle (0,0,0), (30,0,0), (0,0,30): its lower left part, left of centre
        Color c = FxTestSupport.pixel(img, W / 2.0 - 40, H / 2.0 + 40);
        assertTrue(c.getRed() > 0.3 && c.getRed() > 2 * c.getGreen(), "anterior face should be lit crimson, got " + c);
    }

    private static double anteriorNormalY(SurfaceMesh m) {
        float[] p = m.pointsLps();
        int[] t = m.triangles();
        double ux = p[3 * t[1]] - p[3 * t[0]], uz = p[3 * t[1] + 2] - p[3 * t[0] + 2];
        double vx = p[3 * t[2]] - p[3 * t[0]], vz = p[3 * t[2] + 2] - p[3 * t[0] + 2];
        return uz * vx - ux * vz; // y component of u × v
    }

    @Test
    void cameraStateMovesTheCameraAndResetFramesTheMesh() throws Exception {
        FxThread.call(() -> {
            SurfaceView3D v = new SurfaceView3D();
            v.addSurface(TestSurfaces.tube(10, -20, 50, 150, z -> 0, z -> 8, 12, 24), Color.CRIMSON);
            v.resetView();
            CameraState s = v.getCameraState();
            assertEquals(10, s.targetX(), 1e-6);
            assertEquals(-100, s.targetY(), 1e-6); // scene y = −S, centre S = 100
            assertEquals(-20, s.targetZ(), 1e-6);
            assertTrue(s.distanceMm() > 100, "distance " + s.distanceMm());
            WritableImage front = render(v);
            v.setCameraState(s.withAngles(90, 0));
            WritableImage side = render(v);
            assertTrue(FxTestSupport.redFraction(front, 0, 0, W, H) > 0.02);
            assertTrue(FxTestSupport.redFraction(side, 0, 0, W, H) > 0.02);
            v.setCameraState(s.withDistance(s.distanceMm() * 3));
            WritableImage far = render(v);
            assertTrue(FxTestSupport.redFraction(far, 0, 0, W, H) < FxTestSupport.redFraction(front, 0, 0, W, H) / 2,
                    "zooming out should shrink the mesh");
            assertNotEquals(s, v.getCameraState());
            return null;
        });
    }
}
