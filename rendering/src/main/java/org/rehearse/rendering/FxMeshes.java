package org.rehearse.rendering;

import javafx.geometry.Point3D;
import javafx.scene.shape.TriangleMesh;
import javafx.scene.shape.VertexFormat;
import org.rehearse.segmentation.mesh.SurfaceMesh;

/**
 * Conversion of {@link SurfaceMesh} (DICOM LPS millimetres) into JavaFX 3D meshes, and the one fixed placement of
 * patient space in a JavaFX scene.
 *
 * <h2>LPS → scene transform</h2>
 * JavaFX scene coordinates have x to the right of the screen, y down the screen and z into the screen (away from the
 * default camera, which looks along +z). Patient LPS coordinates (DICOM PS3.3 C.7.6.2.1.1) have x towards the
 * patient's left, y towards posterior, z towards superior. This class maps
 * <pre>  scene = (x_L, −z_S, y_P)   i.e.   sceneX = L,  sceneY = −S,  sceneZ = P</pre>
 * so that in the default view the patient stands upright (head up: superior is −y, which is up on the screen),
 * faces the viewer (anterior is −z, towards the camera) and, as in an anterior clinical view, the patient's left is on
 * the viewer's right. The map is the rotation by −90° about the x axis (determinant +1), so it keeps the handedness of
 * the geometry: outward normals stay outward and no triangle is turned inside out. Normals are rotated with the same
 * matrix. Units stay millimetres (1 scene unit = 1 mm).
 *
 * <h2>Winding</h2>
 * {@link SurfaceMesh} triangles are counter-clockwise seen from outside (right-hand normal outward). JavaFX treats as
 * front faces the triangles whose vertices appear clockwise on the y-down screen, which is the same triangle seen
 * counter-clockwise in a right-handed y-up view; since the transform above is a proper rotation and the JavaFX
 * (x right, y down, z in) frame is itself right-handed, the vertex order is copied unchanged and back-face culling
 * ({@code CullFace.BACK}) removes the inner faces. {@code FxMeshesTest} checks this by rendering.
 */
public final class FxMeshes {
    private FxMeshes() {
    }

    /** @return the scene position of an LPS point (mm), by the transform in the class documentation */
    public static Point3D lpsToScene(double[] lps) {
        return new Point3D(lps[0], -lps[2], lps[1]);
    }

    /** @return the LPS position (mm) of a scene point; inverse of {@link #lpsToScene} */
    public static double[] sceneToLps(Point3D p) {
        return new double[] {p.getX(), p.getZ(), -p.getY()};
    }

    /**
     * Scene-space axis-aligned bounds of a mesh.
     *
     * @return {minX, minY, minZ, maxX, maxY, maxZ} in scene units (mm); NaN when the mesh has no vertices
     */
    public static double[] sceneBounds(SurfaceMesh mesh) {
        double[] b = mesh.boundsLps();
        // sceneX = L, sceneY = -S, sceneZ = P
        return new double[] {b[0], -b[5], b[1], b[3], -b[2], b[4]};
    }

    /**
     * Builds a JavaFX mesh with per-vertex normals ({@link VertexFormat#POINT_NORMAL_TEXCOORD}).
     *
     * <p>Faces array layout (JavaFX): per triangle corner {point index, normal index, texcoord index}, all three equal
     * to the {@link SurfaceMesh} vertex index. When the surface carries no normals, area-weighted vertex normals are
     * computed from the (outward, counter-clockwise) triangles.
     *
     * <p>Texture coordinates: no texture is used, but JavaFX derives a tangent frame per vertex from the normal and
     * the texture-coordinate gradient of each triangle; with all coordinates equal (or aligned with the axes) the
     * frame degenerates where a vertex normal lies along a triangle edge (sharp corners, axis-aligned normals) and
     * such triangles render black (seen with JavaFX 21 on ES2). Each vertex therefore gets a generic planar
     * projection of its position (two fixed, non-axis-aligned directions, 1 unit per 100 mm), which keeps the frames
     * well defined; {@code SurfaceView3DTest} renders such a corner.
     *
     * @param mesh the surface in LPS mm; not modified
     * @return a new TriangleMesh in scene coordinates (see the class documentation)
     * @throws IllegalArgumentException when the mesh has no triangles
     */
    public static TriangleMesh toTriangleMesh(SurfaceMesh mesh) {
        if (mesh.triangleCount() == 0) {
            throw new IllegalArgumentException("surface mesh has no triangles");
        }
        float[] p = mesh.pointsLps();
        float[] n = mesh.normals().length == p.length ? mesh.normals() : vertexNormals(mesh);
        int v = mesh.vertexCount();
        float[] points = new float[3 * v];
        float[] normals = new float[3 * v];
        for (int a = 0; a < v; a++) {
            points[3 * a] = p[3 * a];
            points[3 * a + 1] = -p[3 * a + 2];
            points[3 * a + 2] = p[3 * a + 1];
            normals[3 * a] = n[3 * a];
            normals[3 * a + 1] = -n[3 * a + 2];
            normals[3 * a + 2] = n[3 * a + 1];
        }
        float[] tex = new float[2 * v];
        for (int a = 0; a < v; a++) {
            double x = points[3 * a], y = points[3 * a + 1], z = points[3 * a + 2];
            tex[2 * a] = (float) ((0.62 * x + 0.53 * y + 0.58 * z) / 100);
            tex[2 * a + 1] = (float) ((-0.45 * x + 0.83 * y - 0.33 * z) / 100);
        }
        int[] tri = mesh.triangles();
        int[] faces = new int[3 * tri.length];
        for (int c = 0; c < tri.length; c++) {
            faces[3 * c] = tri[c];
            faces[3 * c + 1] = tri[c];
            faces[3 * c + 2] = tri[c];
        }
        TriangleMesh fx = new TriangleMesh(VertexFormat.POINT_NORMAL_TEXCOORD);
        fx.getPoints().setAll(points);
        fx.getNormals().setAll(normals);
        fx.getTexCoords().setAll(tex);
        fx.getFaces().setAll(faces);
        return fx;
    }

    /**
     * As {@link #toTriangleMesh(SurfaceMesh)}, with texture coordinates that colour each vertex by a scalar through
     * {@link ColourRamp#textureImage()} (use it as the diffuse map of the material): u = the value's place on the ramp
     * ({@link ColourRamp#textureU}); v keeps the generic planar projection, so that the tangent frames stay well
     * defined where u is constant (the ramp image has identical rows, so v does not change the colour).
     *
     * @param mesh   the surface in LPS mm
     * @param values one value per vertex, {@code [V]} in the mesh's vertex order (NaN maps to the low end)
     * @param min    value at the low end of the ramp
     * @param max    value at the high end
     * @throws IllegalArgumentException when the mesh has no triangles or values has not one entry per vertex
     */
    public static TriangleMesh toTriangleMesh(SurfaceMesh mesh, double[] values, double min, double max) {
        if (values.length != mesh.vertexCount()) {
            throw new IllegalArgumentException("one value per vertex needed: " + mesh.vertexCount() + " vertices, "
                    + values.length + " values");
        }
        TriangleMesh fx = toTriangleMesh(mesh);
        float[] tex = fx.getTexCoords().toArray(null);
        for (int a = 0; a < values.length; a++) {
            tex[2 * a] = ColourRamp.textureU(values[a], min, max);
        }
        fx.getTexCoords().setAll(tex);
        return fx;
    }

    /**
     * Area-weighted unit vertex normals (sum of the un-normalised face normals of the incident triangles).
     *
     * @return 3·V floats in LPS, outward for an outward-oriented (CCW) mesh; (0, 0, 0) for isolated vertices
     */
    public static float[] vertexNormals(SurfaceMesh mesh) {
        return SurfaceMesh.vertexNormals(mesh.pointsLps(), mesh.triangles());
    }
}
