package org.rehearse.segmentation.dicom;

import java.nio.file.Path;

/**
 * A DICOM file or series could not be read or does not make a usable image. The message always names the file
 * (or folder) and says what is wrong, so that it can be shown to the user as it is.
 */
public class DicomException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    /**
     * @param file    the file or folder concerned (may be null when no single file is concerned)
     * @param message a complete message; it should already name the file
     */
    public DicomException(Path file, String message) {
        super(message);
        this.file = file;
    }

    /**
     * @param file    the file or folder concerned (may be null)
     * @param message a complete message; it should already name the file
     * @param cause   the underlying error (from the DICOM library or I/O)
     */
    public DicomException(Path file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** @return the file or folder concerned, or null when the problem concerns no single file. */
    public Path file() {
        return file;
    }

    /** @return the file name (last path element) of {@code file}, for messages; "(unknown file)" for null. */
    static String name(Path file) {
        if (file == null) {
            return "(unknown file)";
        }
        Path n = file.getFileName();
        return n == null ? file.toString() : n.toString();
    }
}
