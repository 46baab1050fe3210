package org.rehearse.segmentation.edit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.dicom.DicomException;
import org.rehearse.segmentation.dicom.DicomFolderScanner;
import org.rehearse.segmentation.dicom.SeriesLoader;
import org.rehearse.segmentation.image.Volume;

/** Test access to the real aorta CTA of the shared data (see its README); skips when absent. */
final class CtaData {
    /** Seed in the true lumen of the descending aorta, from the data README (LPS mm). */
    static final double[] SEED_LPS = {-2.7, -146.2, 577.7};

    private CtaData() {
    }

    static Path folder() {
        String root = System.getProperty("rehearse.shared.data");
        Path p = root == null ? null : Path.of(root, "aorta-cta");
        Assumptions.assumeTrue(p != null && Files.isDirectory(p.resolve("dicom")), "shared data aorta-cta absent");
        return p;
    }

    static Path label(String name) {
        return folder().resolve("labels").resolve(name + ".nii.gz");
    }

    static Volume ct() throws IOException {
        try {
            var scan = new DicomFolderScanner().scan(folder().resolve("dicom"), Progress.NONE);
            return new SeriesLoader().load(scan.series().get(0), Progress.NONE).volume();
        } catch (DicomException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
