package org.rehearse.app.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.rehearse.segmentation.mesh.StlWriter;
import org.rehearse.segmentation.mesh.SurfaceMesh;

/**
 * Exports every candidate's surface for 3D printing or other tools: {@code OUT/candidates/<name>.stl} (binary STL,
 * {@link StlWriter}) and, when asked, {@code OUT/candidates/<name>.obj} (Wavefront OBJ text). Coordinates are written
 * as they are, DICOM LPS millimetres, in both formats.
 */
public final class MeshExport {
    /** The sub-folder of the output folder the files go to. */
    public static final String FOLDER = "candidates";

    private MeshExport() {
    }

    /**
     * Writes one STL (and optionally one OBJ) per candidate into {@code outDir/candidates/}, created when missing.
     * File names are the candidates' names made safe ({@link #fileName}); names that become equal get a suffix
     * {@code -2}, {@code -3}, ….
     *
     * @param outDir     the output folder
     * @param surfaces   candidate name → its surface (LPS mm), in the order to write; a null surface is skipped
     * @param alsoObj    whether to write an OBJ beside each STL
     * @return the files written, in order
     * @throws IOException when a file cannot be written
     */
    public static List<Path> write(Path outDir, Map<String, SurfaceMesh> surfaces, boolean alsoObj) throws IOException {
        Path dir = outDir.resolve(FOLDER);
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Map.Entry<String, SurfaceMesh> e : new LinkedHashMap<>(surfaces).entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            String base = fileName(e.getKey());
            String unique = base;
            for (int n = 2; !used.add(unique.toLowerCase(Locale.ROOT)); n++) {
                unique = base + "-" + n;
            }
            Path stl = dir.resolve(unique + ".stl");
            StlWriter.write(e.getValue(), stl, "candidate " + asciiOnly(e.getKey()));
            written.add(stl);
            if (alsoObj) {
                Path obj = dir.resolve(unique + ".obj");
                writeObj(e.getValue(), obj, e.getKey());
                written.add(obj);
            }
        }
        return written;
    }

    /**
     * A file name (without extension) for a candidate name that is safe on every common file system: letters and
     * digits of any script are kept, as are {@code -}, {@code _} and {@code .} inside the name; spaces and other
     * characters become {@code _} (runs collapsed), leading and trailing {@code _ . -} are trimmed, at most 64
     * characters; an empty result, or a name reserved on Windows (CON, NUL, COM1, …), becomes {@code candidate…}.
     *
     * @param name a candidate name, e.g. "stent 18 mm / 95%"
     * @return e.g. "stent_18_mm_95"
     */
    public static String fileName(String name) {
        StringBuilder b = new StringBuilder();
        name.codePoints().forEach(cp -> {
            boolean ok = Character.isLetterOrDigit(cp) || cp == '-' || cp == '_' || cp == '.';
            if (ok) {
                b.appendCodePoint(cp);
            } else if (b.length() > 0 && b.charAt(b.length() - 1) != '_') {
                b.append('_');
            }
        });
        String s = b.toString().replaceAll("^[._-]+|[._-]+$", "");
        if (s.length() > 64) {
            s = s.substring(0, 64).replaceAll("[._-]+$", "");
        }
        if (s.isEmpty()) {
            return "candidate";
        }
        if (s.toUpperCase(Locale.ROOT).matches("(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])")) {
            return "candidate_" + s;
        }
        return s;
    }

    /**
     * Writes a surface as a Wavefront OBJ text file: a comment header, {@code v x y z} per vertex (LPS mm),
     * {@code vn} per vertex normal when the mesh has normals, and {@code f a//a b//b c//c} (1-based, counter-clockwise
     * seen from outside) per triangle.
     *
     * @param mesh the surface
     * @param file destination; its folder must exist
     * @param name written as the object name ({@code o name})
     * @throws IOException when it cannot be written
     */
    public static void writeObj(SurfaceMesh mesh, Path file, String name) throws IOException {
        float[] p = mesh.pointsLps();
        float[] nrm = mesh.normals();
        boolean normals = nrm != null && nrm.length == p.length;
        int[] t = mesh.triangles();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("# Rehearse candidate surface, DICOM LPS millimetres\n");
            w.write("o " + name.replaceAll("\\s+", "_") + "\n");
            for (int i = 0; i < p.length; i += 3) {
                w.write("v " + p[i] + " " + p[i + 1] + " " + p[i + 2] + "\n");
            }
            if (normals) {
                for (int i = 0; i < nrm.length; i += 3) {
                    w.write("vn " + nrm[i] + " " + nrm[i + 1] + " " + nrm[i + 2] + "\n");
                }
            }
            for (int i = 0; i < t.length; i += 3) {
                int a = t[i] + 1, b = t[i + 1] + 1, c = t[i + 2] + 1;
                w.write(normals ? "f " + a + "//" + a + " " + b + "//" + b + " " + c + "//" + c + "\n"
                        : "f " + a + " " + b + " " + c + "\n");
            }
        }
    }

    private static String asciiOnly(String s) {
        return s.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
