package org.rehearse.segmentation.edit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rehearse.segmentation.image.ImageGeometry;

class AutosaveTest {
    @TempDir
    Path tmp;

    @Test
    void savesAndRecoversExactlyAndKeepsTwoGenerations() throws Exception {
        Path folder = tmp.resolve("autosave");
        assertTrue(Autosave.findRecoverable(folder).isEmpty(), "no folder: nothing to recover");
        ImageGeometry g = EditFixtures.grid(64, 60, 40, 0.7, 0.7, 1.5);
        Segmentation s = EditFixtures.segmentation(g);
        s.addLabel(new LabelInfo(9, "stent landing zone", 0x00ffcc));
        SegmentEditor ed = new SegmentEditor(s);
        try (Autosave a = new Autosave(folder)) {
            for (int t = 0; t < 4; t++) {
                ed.paintSphere(1 + t % 2, EditFixtures.lps(g, 10 + 12 * t, 30, 20), 5);
                a.save(s);
            }
            assertEquals(4, a.generation());
            ed.paintSphere(9, EditFixtures.lps(g, 30, 30, 10), 3);
            Path json = a.saveInBackground(s).get(30, TimeUnit.SECONDS);
            assertTrue(json.getFileName().toString().endsWith("000000000005.json"));
            assertNull(a.saveInBackground(s).get(30, TimeUnit.SECONDS), "unchanged: nothing saved");
        }
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(4, files.count(), "two generations of two files each");
        }
        Autosave.Recovered r = Autosave.findRecoverable(folder).orElseThrow();
        assertEquals(5, r.generation());
        assertArrayEquals(s.labelMap().labels(), r.segmentation().labelMap().labels());
        assertEquals(s.labels(), r.segmentation().labels());
        assertTrue(r.segmentation().geometry().sameGrid(g, 1e-4));
        assertTrue(r.skipped().isEmpty());
        // a new session continues the numbering
        try (Autosave b = new Autosave(folder)) {
            assertEquals(5, b.generation());
            b.discard();
        }
        assertTrue(Autosave.findRecoverable(folder).isEmpty());
    }

    @Test
    void aDamagedNewestSaveFallsBackToThePreviousOne() throws Exception {
        Path folder = tmp.resolve("autosave");
        ImageGeometry g = EditFixtures.grid(32, 32, 16, 1, 1, 1);
        Segmentation s = EditFixtures.segmentation(g);
        SegmentEditor ed = new SegmentEditor(s);
        try (Autosave a = new Autosave(folder)) {
            ed.paintSphere(1, EditFixtures.lps(g, 10, 10, 8), 4);
            a.save(s);
            byte[] first = s.labelMap().labels().clone();
            ed.paintSphere(2, EditFixtures.lps(g, 20, 20, 8), 4);
            a.save(s);
            Path newest = folder.resolve("autosave-000000000002.nii.gz");
            byte[] bytes = Files.readAllBytes(newest);
            Files.write(newest, java.util.Arrays.copyOf(bytes, bytes.length / 2));
            Autosave.Recovered r = Autosave.findRecoverable(folder).orElseThrow();
            assertEquals(1, r.generation());
            assertArrayEquals(first, r.segmentation().labelMap().labels());
            assertEquals(1, r.skipped().size());
            assertTrue(r.skipped().get(0).contains("autosave-000000000002.json"), r.skipped().get(0));
            Files.delete(folder.resolve("autosave-000000000001.json"));
            IOException e = assertThrows(IOException.class, () -> Autosave.findRecoverable(folder));
            assertTrue(e.getMessage().contains("no intact autosave"), e.getMessage());
        }
    }

    @Test
    void recoversTheLastCompleteSaveAfterTheEditingProcessIsKilled() throws Exception {
        Path folder = tmp.resolve("crash");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                AutosaveCrashChild.class.getName(), folder.toString())
                .redirectErrorStream(true).start();
        int lastSaved = 0;
        StringBuilder log = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                log.append(line).append('\n');
                if (line.startsWith("SAVED ")) {
                    lastSaved = Integer.parseInt(line.substring(6).trim());
                    if (lastSaved >= 6) {
                        p.destroyForcibly(); // killed while it edits and writes the next generation
                        break;
                    }
                }
            }
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(lastSaved >= 6, "child did not save: " + log);
        Optional<Autosave.Recovered> found = Autosave.findRecoverable(folder);
        Autosave.Recovered r = found.orElseThrow();
        assertTrue(r.generation() >= lastSaved, "recovered generation " + r.generation() + " after SAVED " + lastSaved);
        Segmentation expected = AutosaveCrashChild.fresh();
        SegmentEditor ed = new SegmentEditor(expected);
        for (int step = 1; step <= r.generation(); step++) {
            AutosaveCrashChild.step(ed, step);
        }
        assertArrayEquals(expected.labelMap().labels(), r.segmentation().labelMap().labels(),
                "recovered generation " + r.generation() + " exactly");
        assertEquals(expected.labels(), r.segmentation().labels());
        assertTrue(r.skipped().isEmpty(), "no damaged generation is visible: " + r.skipped());
        List<String> leftovers;
        try (Stream<Path> files = Files.list(folder)) {
            leftovers = files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("tmp-")).toList();
        }
        // a partial temporary file may remain; a new Autosave on the folder removes it
        new Autosave(folder).close();
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(0, files.filter(f -> f.getFileName().toString().startsWith("tmp-")).count(), "leftovers " + leftovers);
        }
    }
}
