package org.rehearse.app.casefile;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writing a file so that readers see either the old or the new complete content: the bytes go to a temporary file in
 * the same folder, which is then renamed over the destination ({@link StandardCopyOption#ATOMIC_MOVE}; where the file
 * system cannot rename atomically, a plain replacing move).
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes some bytes of content to a file. */
    @FunctionalInterface
    public interface Writer {
        /** @param tmp the temporary file to write the complete content to */
        void write(Path tmp) throws IOException;
    }

    /**
     * @param file    destination; its folder is created when missing
     * @param content the complete content
     * @throws IOException when it cannot be written (the destination is then unchanged and no temporary file is left)
     */
    public static void write(Path file, byte[] content) throws IOException {
        write(file, tmp -> Files.write(tmp, content));
    }

    /**
     * @param file   destination; its folder is created when missing
     * @param writer writes the content to the temporary file it is given (same folder, same file name ending, so that
     *               writers that choose a format by name, e.g. {@code .nii.gz}, work)
     * @throws IOException when it cannot be written (the destination is then unchanged and no temporary file is left)
     */
    public static void write(Path file, Writer writer) throws IOException {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + abs.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Long.toHexString(System.nanoTime()) + ".tmp-" + abs.getFileName());
        try {
            writer.write(tmp);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
