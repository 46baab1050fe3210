package org.rehearse.app.casefile;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A case file or candidates file that cannot be used as it is: unreadable, malformed, of an unknown format version,
 * naming an unknown repair kind or parameter, holding an invalid value, or referring to a DICOM series that is missing
 * or has changed since the case was saved. The message always starts with the file and says what is wrong; it is meant
 * for the user as it is (one line, no stack trace).
 */
public class CaseFileException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The file the problem is in; may be null when no file is involved (a case built in memory). */
    private final transient Path file;

    /**
     * @param file   the case or candidates file (named first in the message), or null
     * @param detail what is wrong, e.g. "candidate 'stent': unknown parameter 'widthMm'"
     */
    public CaseFileException(Path file, String detail) {
        super(file == null ? detail : file + ": " + detail);
        this.file = file;
    }

    /**
     * @param file   the case or candidates file, or null
     * @param detail what is wrong
     * @param cause  the underlying error
     */
    public CaseFileException(Path file, String detail, Throwable cause) {
        super(file == null ? detail : file + ": " + detail, cause);
        this.file = file;
    }

    /** @return the file the problem is in, or null */
    public Path file() {
        return file;
    }
}
