package org.rehearse.segmentation.mesh;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link SurfaceMesh} as binary STL: an 80-byte header, a little-endian uint32 triangle count, then per
 * triangle 12 float32 (facet normal, three vertices) and a uint16 attribute count of 0 (the de-facto format of
 * 3D Systems' StereoLithography Interface Specification, 1989). Coordinates are written as they are: LPS millimetres.
 */
public final class StlWriter {
    private StlWriter() {
    }

    /**
     * @param mesh   the surface (LPS mm)
     * @param file   destination; its parent folder must exist
     * @param header text for the 80-byte header (truncated; must not start with "solid")
     * @throws IOException when the file cannot be written
     */
    public static void write(SurfaceMesh mesh, Path file, String header) throws IOException {
        float[] p = mesh.pointsLps();
        int[] t = mesh.triangles();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            byte[] head = new byte[80];
            byte[] text = ("Rehearse LPS mm " + (header == null ? "" : header)).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, head, 0, Math.min(80, text.length));
            out.write(head);
            ByteBuffer b = ByteBuffer.allocate(50).order(ByteOrder.LITTLE_ENDIAN);
            out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(mesh.triangleCount()).array());
            for (int f = 0; f < t.length; f += 3) {
                int a = 3 * t[f], c1 = 3 * t[f + 1], c2 = 3 * t[f + 2];
                double ux = p[c1] - p[a], uy = p[c1 + 1] - p[a + 1], uz = p[c1 + 2] - p[a + 2];
                double vx = p[c2] - p[a], vy = p[c2 + 1] - p[a + 1], vz = p[c2 + 2] - p[a + 2];
                double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
                double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
                if (len > 0) {
                    nx /= len;
                    ny /= len;
                    nz /= len;
                }
                b.clear();
                b.putFloat((float) nx).putFloat((float) ny).putFloat((float) nz);
                for (int v : new int[] {a, c1, c2}) {
                    b.putFloat(p[v]).putFloat(p[v + 1]).putFloat(p[v + 2]);
                }
                b.putShort((short) 0);
                out.write(b.array());
            }
        }
    }
}
