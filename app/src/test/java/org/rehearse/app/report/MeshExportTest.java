package org.rehearse.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rehearse.segmentation.mesh.SurfaceMesh;

/** One STL (and OBJ) per candidate under OUT/candidates with safe, unique file names. */
class MeshExportTest {
    @TempDir
    Path tmp;

    static SurfaceMesh tetrahedron() {
        return new SurfaceMesh(new float[] {0, 0, 0, 10, 0, 0, 0, 10, 0, 0, 0, 10},
                new int[] {0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3}, null);
    }

    @Test
    void writesOneStlAndObjPerCandidate() throws Exception {
        Map<String, SurfaceMesh> m = new LinkedHashMap<>();
        m.put("native", tetrahedron());
        m.put("stent 18 mm / 95%", tetrahedron());
        m.put("stent 18 mm : 95%", tetrahedron());
        m.put("skipped", null);
        List<Path> files = MeshExport.write(tmp, m, true);
        Path dir = tmp.resolve("candidates");
        assertEquals(List.of(dir.resolve("native.stl"), dir.resolve("native.obj"), dir.resolve("stent_18_mm_95.stl"),
                dir.resolve("stent_18_mm_95.obj"), dir.resolve("stent_18_mm_95-2.stl"), dir.resolve("stent_18_mm_95-2.obj")), files);
        assertEquals(84 + 50 * 4, Files.size(dir.resolve("native.stl")), "binary STL: header, count, 4 triangles");
        List<String> obj = Files.readAllLines(dir.resolve("native.obj"));
        assertEquals(4, obj.stream().filter(l -> l.startsWith("v ")).count());
        assertEquals(4, obj.stream().filter(l -> l.startsWith("f ")).count());
        assertTrue(obj.contains("f 1 3 2"), "1-based, winding kept: " + obj);
        assertTrue(obj.contains("v 10.0 0.0 0.0"));
    }

    @Test
    void fileNamesAreSafe() {
        assertEquals("stent_18_mm", MeshExport.fileName("  stent 18 mm  "));
        assertEquals("Résection", MeshExport.fileName("Résection"));
        assertEquals("a_.._b", MeshExport.fileName("a/../b"), "no separator survives");
        assertEquals("candidate", MeshExport.fileName("///"));
        assertEquals("candidate_con", MeshExport.fileName("con"));
        assertEquals(64, MeshExport.fileName("x".repeat(100)).length());
    }
}
