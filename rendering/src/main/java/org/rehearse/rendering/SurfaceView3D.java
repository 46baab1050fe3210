package org.rehearse.rendering;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Point3D;
import javafx.scene.AmbientLight;
import javafx.scene.Group;
import javafx.scene.PerspectiveCamera;
import javafx.scene.PointLight;
import javafx.scene.SceneAntialiasing;
import javafx.scene.SubScene;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.CullFace;
import javafx.scene.shape.DrawMode;
import javafx.scene.shape.MeshView;
import javafx.scene.transform.Rotate;
import javafx.scene.transform.Translate;
import org.rehearse.segmentation.mesh.SurfaceMesh;

/**
 * A reusable 3D view of one or more surface meshes: a {@link SubScene} with a depth buffer and antialiasing, a
 * {@link PerspectiveCamera} orbiting a target, a headlight ({@link PointLight} that moves with the camera) and a weak
 * {@link AmbientLight}. It fills and resizes with its parent (it is a {@link Region}).
 *
 * <p>Mouse: left drag orbits; right or middle drag, or shift + left drag, pans; the scroll wheel zooms. The viewpoint
 * is the observable {@link #cameraStateProperty()}: set it to move the camera, listen to it (or bind it
 * bidirectionally to another view's) to link views. Meshes are placed in the scene by the fixed LPS → scene map of
 * {@link FxMeshes}. All methods must be called on the JavaFX application thread.
 */
public class SurfaceView3D extends Region {
    /** Vertical field of view of the camera, degrees. */
    public static final double FIELD_OF_VIEW_DEG = 30;

    private final Group world = new Group();
    private final Group meshes = new Group();
    private final Group overlay = new Group();
    private final Group rig = new Group();
    private final PerspectiveCamera camera = new PerspectiveCamera(true);
    private final PointLight headlight = new PointLight(Color.gray(0.85));
    private final AmbientLight ambient = new AmbientLight(Color.gray(0.35));
    private final SubScene subScene;
    private final Translate target = new Translate();
    private final Rotate azimuth = new Rotate(0, Rotate.Y_AXIS);
    private final Rotate elevation = new Rotate(0, Rotate.X_AXIS);
    private final Translate back = new Translate(0, 0, -500);
    private final ObjectProperty<CameraState> cameraState = new SimpleObjectProperty<>(this, "cameraState", CameraState.DEFAULT);
    private final List<SurfaceMesh> surfaces = new ArrayList<>();
    private double pressX, pressY;
    private CameraState pressState;

    /** An empty view with a dark background. */
    public SurfaceView3D() {
        camera.setFieldOfView(FIELD_OF_VIEW_DEG);
        camera.setVerticalFieldOfView(true);
        rig.getChildren().addAll(camera, headlight);
        // camera transform: move to the target, turn, step back along the view axis (the camera looks along +z)
        rig.getTransforms().addAll(target, azimuth, elevation, back);
        world.getChildren().addAll(meshes, overlay, rig, ambient);
        subScene = new SubScene(world, 100, 100, true, SceneAntialiasing.BALANCED);
        subScene.setCamera(camera);
        subScene.setFill(Color.rgb(24, 26, 32));
        getChildren().add(subScene);
        setMinSize(50, 50);
        setPrefSize(600, 500);
        cameraState.addListener((obs, old, s) -> applyCamera(s));
        applyCamera(cameraState.get());
        subScene.addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPressed);
        subScene.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDragged);
        subScene.addEventHandler(ScrollEvent.SCROLL, this::onScroll);
    }

    @Override
    protected void layoutChildren() {
        double w = Math.max(1, getWidth() - snappedLeftInset() - snappedRightInset());
        double h = Math.max(1, getHeight() - snappedTopInset() - snappedBottomInset());
        subScene.setWidth(w);
        subScene.setHeight(h);
        subScene.relocate(snappedLeftInset(), snappedTopInset());
    }

    /** @return the sub-scene (for tests and for placing it in a snapshot) */
    public SubScene subScene() {
        return subScene;
    }

    /** @return the mesh views currently shown, in the order they were added (read-only use) */
    public List<MeshView> meshViews() {
        List<MeshView> out = new ArrayList<>();
        meshes.getChildren().forEach(n -> out.add((MeshView) n));
        return out;
    }

    /** Sets the background colour of the 3D view. */
    public void setBackground3D(Color color) {
        subScene.setFill(color);
    }

    /**
     * Adds a surface with a plain colour; a colour with opacity &lt; 1 makes the surface semi-transparent (then add it
     * after the opaque surfaces so that they show through it).
     *
     * @return the new mesh view
     */
    public MeshView addSurface(SurfaceMesh mesh, Color color) {
        PhongMaterial m = new PhongMaterial(color);
        m.setSpecularColor(Color.gray(0.35));
        m.setSpecularPower(24);
        return addSurface(mesh, m);
    }

    /**
     * Adds a surface with a given material.
     *
     * @throws IllegalArgumentException when the mesh has no triangles
     */
    public MeshView addSurface(SurfaceMesh mesh, PhongMaterial material) {
        MeshView view = new MeshView(FxMeshes.toTriangleMesh(mesh));
        view.setMaterial(material);
        view.setCullFace(CullFace.BACK);
        view.setDrawMode(DrawMode.FILL);
        view.setMouseTransparent(true); // orbiting is handled on the sub-scene; overlays (markers) get the picks
        meshes.getChildren().add(view);
        surfaces.add(mesh);
        return view;
    }

    /**
     * Adds a surface coloured per vertex by a scalar through {@link ColourRamp} (see
     * {@link FxMeshes#toTriangleMesh(SurfaceMesh, double[], double, double)}).
     *
     * @param values one value per vertex (e.g. systolic pressure in mmHg)
     * @param min    value shown at the low end of the ramp
     * @param max    value shown at the high end
     * @return the new mesh view
     * @throws IllegalArgumentException when the mesh has no triangles or values does not match its vertices
     */
    public MeshView addSurface(SurfaceMesh mesh, double[] values, double min, double max) {
        PhongMaterial m = new PhongMaterial(Color.WHITE);
        m.setDiffuseMap(ColourRamp.textureImage());
        m.setSpecularColor(Color.gray(0.25));
        m.setSpecularPower(24);
        MeshView view = new MeshView(FxMeshes.toTriangleMesh(mesh, values, min, max));
        view.setMaterial(m);
        view.setCullFace(CullFace.BACK);
        view.setDrawMode(DrawMode.FILL);
        view.setMouseTransparent(true);
        meshes.getChildren().add(view);
        surfaces.add(mesh);
        return view;
    }

    /**
     * @return a group in the scene (scene coordinates, see {@link FxMeshes#lpsToScene}) for markers and other
     *         overlays; nodes that consume their mouse events are not orbited through
     */
    public Group overlay() {
        return overlay;
    }

    /** Removes all surfaces; the camera stays where it is. */
    public void clearSurfaces() {
        meshes.getChildren().clear();
        surfaces.clear();
    }

    /** @return the number of surfaces shown */
    public int surfaceCount() {
        return surfaces.size();
    }

    /** @return the camera state property; setting it moves the camera */
    public ObjectProperty<CameraState> cameraStateProperty() {
        return cameraState;
    }

    /** @return the current camera state */
    public CameraState getCameraState() {
        return cameraState.get();
    }

    /** Moves the camera (and every view linked to this one). */
    public void setCameraState(CameraState s) {
        cameraState.set(s);
    }

    /**
     * Frames all surfaces: anterior view (azimuth 0, elevation 0), target at the centre of their bounds, distance such
     * that the bounding sphere fits the vertical field of view with a 10 % margin. Without surfaces the default state
     * is restored.
     */
    public void resetView() {
        double[] b = sceneBounds();
        if (b == null) {
            cameraState.set(CameraState.DEFAULT);
            return;
        }
        cameraState.set(framing(b).withAngles(homeAzimuthDeg, homeElevationDeg));
    }

    private double homeAzimuthDeg;
    private double homeElevationDeg;

    /**
     * Sets the view angles that {@link #resetView()} returns to (default 0, 0: anterior view). For the thoracic aorta
     * a left anterior oblique view (azimuth −60°) opens the arch, as in angiography of a coarctation.
     *
     * @param azimuthDeg   see {@link CameraState#azimuthDeg()}; negative turns the camera towards the patient's left
     * @param elevationDeg see {@link CameraState#elevationDeg()}
     */
    public void setHomeAngles(double azimuthDeg, double elevationDeg) {
        this.homeAzimuthDeg = azimuthDeg;
        this.homeElevationDeg = elevationDeg;
    }

    /**
     * The anterior framing state for scene-space bounds {minX, minY, minZ, maxX, maxY, maxZ} (mm).
     */
    public static CameraState framing(double[] b) {
        double cx = (b[0] + b[3]) / 2, cy = (b[1] + b[4]) / 2, cz = (b[2] + b[5]) / 2;
        double r = 0.5 * Math.sqrt(sq(b[3] - b[0]) + sq(b[4] - b[1]) + sq(b[5] - b[2]));
        double d = Math.max(1, 1.1 * r / Math.sin(Math.toRadians(FIELD_OF_VIEW_DEG / 2)));
        return new CameraState(0, 0, d, cx, cy, cz);
    }

    /** @return scene bounds of all surfaces {minX, minY, minZ, maxX, maxY, maxZ} (mm), or null when there are none */
    public double[] sceneBounds() {
        double[] out = null;
        for (SurfaceMesh s : surfaces) {
            double[] b = FxMeshes.sceneBounds(s);
            if (Double.isNaN(b[0])) {
                continue;
            }
            if (out == null) {
                out = b;
            } else {
                for (int a = 0; a < 3; a++) {
                    out[a] = Math.min(out[a], b[a]);
                    out[a + 3] = Math.max(out[a + 3], b[a + 3]);
                }
            }
        }
        return out;
    }

    private static double sq(double v) {
        return v * v;
    }

    private void applyCamera(CameraState s) {
        target.setX(s.targetX());
        target.setY(s.targetY());
        target.setZ(s.targetZ());
        azimuth.setAngle(s.azimuthDeg());
        // positive elevation raises the camera: rotating the camera about x by −e tilts it to look down from above
        elevation.setAngle(-s.elevationDeg());
        back.setZ(-s.distanceMm());
        camera.setNearClip(Math.max(0.1, s.distanceMm() / 100));
        camera.setFarClip(s.distanceMm() * 20);
    }

    private void onPressed(MouseEvent e) {
        pressX = e.getSceneX();
        pressY = e.getSceneY();
        pressState = cameraState.get();
        subScene.requestFocus();
    }

    private void onDragged(MouseEvent e) {
        if (pressState == null) {
            return;
        }
        double dx = e.getSceneX() - pressX, dy = e.getSceneY() - pressY;
        boolean pan = e.getButton() == MouseButton.SECONDARY || e.getButton() == MouseButton.MIDDLE
                || (e.getButton() == MouseButton.PRIMARY && e.isShiftDown());
        if (pan) {
            // move the target against the drag in the camera's screen plane, 1 pixel = the size of a pixel at the target
            double mmPerPixel = 2 * pressState.distanceMm() * Math.tan(Math.toRadians(FIELD_OF_VIEW_DEG / 2))
                    / Math.max(1, subScene.getHeight());
            Point3D right = rig.localToScene(1, 0, 0).subtract(rig.localToScene(0, 0, 0));
            Point3D down = rig.localToScene(0, 1, 0).subtract(rig.localToScene(0, 0, 0));
            // rig transforms were for the current state; screen axes are what we need (they do not depend on target)
            Point3D shift = right.multiply(-dx * mmPerPixel).add(down.multiply(-dy * mmPerPixel));
            cameraState.set(pressState.withTarget(pressState.targetX() + shift.getX(),
                    pressState.targetY() + shift.getY(), pressState.targetZ() + shift.getZ()));
        } else if (e.getButton() == MouseButton.PRIMARY) {
            double az = pressState.azimuthDeg() + 0.4 * dx; // drag right: the front of the object follows the mouse
            double el = Math.max(-89, Math.min(89, pressState.elevationDeg() + 0.4 * dy));
            cameraState.set(pressState.withAngles(az, el));
        }
        e.consume();
    }

    private void onScroll(ScrollEvent e) {
        if (e.getDeltaY() == 0) {
            return;
        }
        CameraState s = cameraState.get();
        double factor = Math.exp(-e.getDeltaY() * 0.004);
        cameraState.set(s.withDistance(Math.max(1, s.distanceMm() * factor)));
        e.consume();
    }
}
