package org.rehearse.segmentation.nifti;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that is not a NIfTI-1 label map this project can read: not NIfTI at all, truncated, a data type or
 * dimensionality that is not supported. The message names the file and the problem.
 */
public final class NiftiFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param file    the offending file (may be null when reading from a stream)
     * @param problem what is wrong, e.g. "datatype 64 (float64) is not supported"
     */
    public NiftiFormatException(Path file, String problem) {
        super((file == null ? "NIfTI data" : file.toString()) + ": " + problem);
    }
}
