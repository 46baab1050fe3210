package org.rehearse.segmentation.mesh;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A triangle surface in DICOM patient coordinates (LPS, millimetres). Data only: it knows nothing of its colour,
 * its scene node or its file format.
 *
 * <p>Layout (as JavaFX {@code TriangleMesh} spells its own):
 * <ul>
 *   <li>{@code pointsLps}: 3·V floats, vertex v at [3v, 3v+1, 3v+2] = (x, y, z) in LPS mm;</li>
 *   <li>{@code triangles}: 3·T ints, triangle t = vertices [3t, 3t+1, 3t+2], counter-clockwise seen from outside
 *       (the right-hand normal points out of the enclosed volume);</li>
 *   <li>{@code normals}: 3·V floats, unit outward vertex normals, same indexing as the points; may be empty (length
 *       0) when not computed.</li>
 * </ul>
 * The arrays are shared, not copied; treat them as read-only.
 */
public final class SurfaceMesh {
    private final float[] pointsLps;
    private final int[] triangles;
    private final float[] normals;

    /**
     * @throws IllegalArgumentException when the array lengths are not multiples of 3, normals do not match the points,
     *                                  or a triangle names a vertex that does not exist
     */
    public SurfaceMesh(float[] pointsLps, int[] triangles, float[] normals) {
        this.pointsLps = Objects.requireNonNull(pointsLps);
        this.triangles = Objects.requireNonNull(triangles);
        this.normals = normals == null ? new float[0] : normals;
        if (pointsLps.length % 3 != 0 || triangles.length % 3 != 0) {
            throw new IllegalArgumentException("points and triangles must have 3 entries each per element");
        }
        if (this.normals.length != 0 && this.normals.length != pointsLps.length) {
            throw new IllegalArgumentException("normals must be empty or one per vertex");
        }
        int v = vertexCount();
        for (int t : triangles) {
            if (t < 0 || t >= v) {
                throw new IllegalArgumentException("triangle names vertex " + t + " of " + v);
            }
        }
    }

    public int vertexCount() { return pointsLps.length / 3; }
    public int triangleCount() { return triangles.length / 3; }
    /** @return the point array (shared), layout as in the class documentation */
    public float[] pointsLps() { return pointsLps; }
    /** @return the triangle index array (shared) */
    public int[] triangles() { return triangles; }
    /** @return the vertex normal array (shared), possibly empty */
    public float[] normals() { return normals; }

    /** @return total surface area in mm² */
    public double areaMm2() {
        double sum = 0;
        for (int t = 0; t < triangles.length; t += 3) {
            sum += triangleArea(t);
        }
        return sum;
    }

    private double triangleArea(int t) {
        int a = 3 * triangles[t], b = 3 * triangles[t + 1], c = 3 * triangles[t + 2];
        double ux = pointsLps[b] - pointsLps[a], uy = pointsLps[b + 1] - pointsLps[a + 1], uz = pointsLps[b + 2] - pointsLps[a + 2];
        double vx = pointsLps[c] - pointsLps[a], vy = pointsLps[c + 1] - pointsLps[a + 1], vz = pointsLps[c + 2] - pointsLps[a + 2];
        double cx = uy * vz - uz * vy, cy = uz * vx - ux * vz, cz = ux * vy - uy * vx;
        return 0.5 * Math.sqrt(cx * cx + cy * cy + cz * cz);
    }

    /**
     * Enclosed volume in mm³ by the divergence theorem (sum of signed tetrahedra to the origin); positive for a
     * closed, outward-oriented surface.
     */
    public double volumeMm3() {
        double sum = 0;
        for (int t = 0; t < triangles.length; t += 3) {
            int a = 3 * triangles[t], b = 3 * triangles[t + 1], c = 3 * triangles[t + 2];
            double ax = pointsLps[a], ay = pointsLps[a + 1], az = pointsLps[a + 2];
            double bx = pointsLps[b], by = pointsLps[b + 1], bz = pointsLps[b + 2];
            double cx = pointsLps[c], cy = pointsLps[c + 1], cz = pointsLps[c + 2];
            sum += ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx);
        }
        return sum / 6.0;
    }

    /**
     * Watertight means closed and consistently oriented: every edge is used by exactly two triangles, once in each
     * direction. A mask surface cut by the image border is not watertight unless it was capped.
     */
    public boolean isWatertight() {
        if (triangles.length == 0) {
            return false;
        }
        Map<Long, Integer> directed = new HashMap<>(triangles.length * 2);
        for (int t = 0; t < triangles.length; t += 3) {
            for (int e = 0; e < 3; e++) {
                long a = triangles[t + e], b = triangles[t + (e + 1) % 3];
                if (a == b) {
                    return false;
                }
                if (directed.merge((a << 32) | b, 1, Integer::sum) > 1) {
                    return false;
                }
            }
        }
        for (long key : directed.keySet()) {
            long a = key >>> 32, b = key & 0xFFFFFFFFL;
            if (!directed.containsKey((b << 32) | a)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Area-weighted unit vertex normals: each vertex gets the normalised sum of the cross products (edge1 × edge2) of
     * its triangles, so larger triangles weigh more.
     *
     * @param pointsLps 3·V coordinates, layout as in the class documentation
     * @param triangles 3·T vertex indices, counter-clockwise seen from outside
     * @return 3·V floats, outward for an outward-oriented mesh; (0, 0, 0) for a vertex of no (or only degenerate) triangles
     */
    public static float[] vertexNormals(float[] pointsLps, int[] triangles) {
        float[] p = pointsLps;
        double[] acc = new double[p.length];
        for (int f = 0; f < triangles.length; f += 3) {
            int a = 3 * triangles[f], b = 3 * triangles[f + 1], c = 3 * triangles[f + 2];
            double ux = p[b] - p[a], uy = p[b + 1] - p[a + 1], uz = p[b + 2] - p[a + 2];
            double vx = p[c] - p[a], vy = p[c + 1] - p[a + 1], vz = p[c + 2] - p[a + 2];
            double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
            for (int q : new int[] {a, b, c}) {
                acc[q] += nx;
                acc[q + 1] += ny;
                acc[q + 2] += nz;
            }
        }
        float[] out = new float[p.length];
        for (int q = 0; q < p.length; q += 3) {
            double len = Math.sqrt(acc[q] * acc[q] + acc[q + 1] * acc[q + 1] + acc[q + 2] * acc[q + 2]);
            if (len > 0) {
                out[q] = (float) (acc[q] / len);
                out[q + 1] = (float) (acc[q + 1] / len);
                out[q + 2] = (float) (acc[q + 2] / len);
            }
        }
        return out;
    }

    /** @return {minX, minY, minZ, maxX, maxY, maxZ} in LPS mm; all NaN when there are no vertices */
    public double[] boundsLps() {
        double[] b = {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        for (int p = 0; p < pointsLps.length; p += 3) {
            for (int a = 0; a < 3; a++) {
                double v = pointsLps[p + a];
                if (!(b[a] <= v)) b[a] = v;
                if (!(b[a + 3] >= v)) b[a + 3] = v;
            }
        }
        return b;
    }
}
