package org.rehearse.segmentation.edit;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.nifti.NiftiLabelIo;

/**
 * Crash-safe autosave of a {@link Segmentation} into a folder, and recovery of the last complete save.
 *
 * <p>Format: each save is one generation g (1, 2, …) of two files: {@code autosave-<g>.nii.gz}, the label map as a
 * NIfTI-1 uint8 image (written as by {@link NiftiLabelIo}, gzip at the fastest level), and {@code autosave-<g>.json},
 * the label list ({@code value}, {@code name}, {@code colour} "#rrggbb"), the save time, the voxel count and the CRC-32
 * of the label bytes. Each file is first written completely under a {@code tmp-} name, forced to disk
 * ({@link FileChannel#force}) and then renamed into place with {@link StandardCopyOption#ATOMIC_MOVE}; the JSON is
 * renamed last and is the commit record: a generation exists only once its JSON does, and its NIfTI must match the
 * recorded CRC. A crash at any moment therefore leaves the previous generation intact. After a successful save,
 * generations older than the previous one are deleted (two are kept).
 *
 * <p>Use: call {@link #findRecoverable(Path)} at start-up, offer the result to the user, then create an
 * {@code Autosave} on the folder (it continues the generation numbering) and call {@link #saveInBackground} from a
 * timer; {@link #discard()} after the user saved the work properly.
 */
public final class Autosave implements AutoCloseable {
    private static final Pattern JSON = Pattern.compile("autosave-(\\d+)\\.json");
    private static final String FORMAT = "rehearse-autosave";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path folder;
    private final Object io = new Object(); // serialises file writing; never held by the editing thread for long
    private volatile long generation;
    private long lastSavedModification = Long.MIN_VALUE;
    private ExecutorService executor;

    /**
     * @param folder the autosave folder; created when missing. Leftover {@code tmp-} files of an interrupted save
     *               are deleted.
     * @throws IOException when the folder cannot be created or listed
     */
    public Autosave(Path folder) throws IOException {
        this.folder = Objects.requireNonNull(folder);
        Files.createDirectories(folder);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, "tmp-autosave-*")) {
            for (Path p : ds) {
                Files.deleteIfExists(p);
            }
        }
        generation = generations(folder).isEmpty() ? 0 : generations(folder).lastKey();
    }

    /** @return the autosave folder */
    public Path folder() { return folder; }

    /** @return the generation of the last completed save (0 when none yet) */
    public long generation() { return generation; }

    /**
     * Saves the segmentation now, on the calling thread (the caller must not edit it meanwhile; see
     * {@link #saveInBackground}).
     *
     * @return the JSON file of the new generation
     * @throws IOException when writing fails; the previous generation is then still intact
     */
    public Path save(Segmentation segmentation) throws IOException {
        synchronized (io) {
            return write(segmentation);
        }
    }

    private Path write(Segmentation segmentation) throws IOException {
        long g = generation + 1;
        LabelMap map = segmentation.labelMap();
        byte[] labels = map.labels();
        CRC32 crc = new CRC32();
        crc.update(labels);
        String base = String.format("autosave-%012d", g);
        Path nii = folder.resolve(base + ".nii.gz"), json = folder.resolve(base + ".json");
        Path niiTmp = folder.resolve("tmp-" + base + ".nii.gz"), jsonTmp = folder.resolve("tmp-" + base + ".json");

        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(niiTmp), 1 << 16);
             OutputStream out = new GZIPOutputStream(raw, 1 << 16) {
                 { def.setLevel(Deflater.BEST_SPEED); }
             }) {
            out.write(NiftiLabelIo.encode(map));
        }
        force(niiTmp);
        Files.move(niiTmp, nii, StandardCopyOption.ATOMIC_MOVE);

        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", 1);
        root.put("generation", g);
        root.put("savedAt", Instant.now().toString());
        root.put("labelFile", nii.getFileName().toString());
        root.put("voxels", labels.length);
        root.put("crc32", crc.getValue());
        root.put("grid", map.geometry().toString());
        ArrayNode list = root.putArray("labels");
        for (LabelInfo l : segmentation.labels()) {
            ObjectNode o = list.addObject();
            o.put("value", l.value());
            o.put("name", l.name());
            o.put("colour", l.hexColour());
        }
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(jsonTmp.toFile(), root);
        force(jsonTmp);
        Files.move(jsonTmp, json, StandardCopyOption.ATOMIC_MOVE);
        generation = g;

        for (long old : generations(folder).headMap(g - 1).keySet()) {
            String ob = String.format("autosave-%012d", old);
            Files.deleteIfExists(folder.resolve(ob + ".json"));
            Files.deleteIfExists(folder.resolve(ob + ".nii.gz"));
        }
        return json;
    }

    /**
     * Saves in the background when the segmentation changed since the last save through this method: a snapshot
     * (copy of the label map, ≈80 MB and ≈20 ms for 512×512×300) is taken on the calling (editing) thread, the
     * files are written on a single background thread. The calling thread never waits for a save in progress.
     *
     * @return a future of the JSON file written, or of null when nothing changed; a failure completes it
     *         exceptionally with the IOException
     */
    public synchronized CompletableFuture<Path> saveInBackground(Segmentation segmentation) {
        long mod = segmentation.modificationCount();
        if (mod == lastSavedModification) {
            return CompletableFuture.completedFuture(null);
        }
        lastSavedModification = mod;
        Segmentation snap = segmentation.snapshot();
        if (executor == null) {
            executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "segmentation-autosave");
                t.setDaemon(true);
                return t;
            });
        }
        CompletableFuture<Path> f = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                f.complete(save(snap));
            } catch (IOException | RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    /** Deletes all autosave files of the folder (after the user saved properly or chose not to recover). */
    public void discard() throws IOException {
        synchronized (io) {
            discardFiles();
        }
    }

    private void discardFiles() throws IOException {
        for (long g : generations(folder).keySet()) {
            String b = String.format("autosave-%012d", g);
            Files.deleteIfExists(folder.resolve(b + ".json"));
            Files.deleteIfExists(folder.resolve(b + ".nii.gz"));
        }
    }

    /** Stops the background thread after the pending saves. */
    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdown();
        }
    }

    /**
     * A recovered autosave.
     *
     * @param segmentation the label map and labels as last saved (empty undo history)
     * @param generation   the generation recovered
     * @param savedAt      when it was saved
     * @param skipped      newer generations that could not be used, each with the reason (normally empty)
     */
    public record Recovered(Segmentation segmentation, long generation, Instant savedAt, List<String> skipped) {
    }

    /**
     * Finds the newest complete autosave in a folder.
     *
     * @param folder the autosave folder (may be missing)
     * @return the newest intact generation, or empty when the folder holds no autosave
     * @throws IOException when autosaves exist but none is intact (the message lists each problem), or the folder
     *                     cannot be listed
     */
    public static Optional<Recovered> findRecoverable(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        TreeMap<Long, Path> gens = generations(folder);
        List<String> skipped = new ArrayList<>();
        for (Long g : gens.descendingKeySet()) {
            Path json = gens.get(g);
            try {
                JsonNode root = MAPPER.readTree(json.toFile());
                if (!FORMAT.equals(root.path("format").asText())) {
                    throw new IOException("not a " + FORMAT + " file");
                }
                Path nii = folder.resolve(root.path("labelFile").asText());
                if (!Files.isRegularFile(nii)) {
                    throw new IOException("label file " + nii.getFileName() + " is missing");
                }
                LabelMap map = NiftiLabelIo.read(nii);
                CRC32 crc = new CRC32();
                crc.update(map.labels());
                if (map.labels().length != root.path("voxels").asLong() || crc.getValue() != root.path("crc32").asLong()) {
                    throw new IOException("label file " + nii.getFileName() + " does not match its record (size or CRC-32)");
                }
                List<LabelInfo> labels = new ArrayList<>();
                for (JsonNode l : root.path("labels")) {
                    String c = l.path("colour").asText("#000000");
                    labels.add(new LabelInfo(l.path("value").asInt(), l.path("name").asText(),
                            Integer.parseInt(c.startsWith("#") ? c.substring(1) : c, 16)));
                }
                Segmentation s = new Segmentation(map, labels, new UndoStack());
                return Optional.of(new Recovered(s, g, Instant.parse(root.path("savedAt").asText()), List.copyOf(skipped)));
            } catch (IOException | RuntimeException e) {
                skipped.add(json.getFileName() + ": " + e.getMessage());
            }
        }
        if (!skipped.isEmpty()) {
            throw new IOException("no intact autosave in " + folder + ": " + String.join("; ", skipped));
        }
        return Optional.empty();
    }

    private static TreeMap<Long, Path> generations(Path folder) throws IOException {
        TreeMap<Long, Path> m = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, "autosave-*.json")) {
            for (Path p : ds) {
                Matcher x = JSON.matcher(p.getFileName().toString());
                if (x.matches()) {
                    m.put(Long.parseLong(x.group(1)), p);
                }
            }
        }
        return m;
    }

    private static void force(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }
}
