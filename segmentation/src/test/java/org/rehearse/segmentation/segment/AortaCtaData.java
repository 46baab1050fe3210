package org.rehearse.segmentation.segment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.dicom.DicomException;
import org.rehearse.segmentation.dicom.DicomFolderScanner;
import org.rehearse.segmentation.dicom.SeriesLoader;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.image.Volume;
import org.rehearse.segmentation.nifti.NiftiLabelIo;

/**
 * Test access to the real aorta CTA ({@code aorta-cta/} of the shared data, see its README) through the project's
 * own DICOM and NIfTI readers; tests using it are skipped when the shared data are absent.
 */
public final class AortaCtaData {
    /** Seed in the true lumen of the descending aorta, from the data README. */
    public static final double[] SEED_LPS = {-2.7, -146.2, 577.7};

    private AortaCtaData() {
    }

    /** @return the data folder, or skips the test if the shared data are absent */
    public static Path folder() {
        String root = System.getProperty("rehearse.shared.data");
        Path p = root == null ? null : Path.of(root, "aorta-cta");
        Assumptions.assumeTrue(p != null && Files.isDirectory(p.resolve("dicom")), "shared data aorta-cta absent");
        return p;
    }

    /** @return the CT volume (HU), or skips the test if the shared data are absent */
    public static Volume ct() throws IOException {
        try {
            var scan = new DicomFolderScanner().scan(folder().resolve("dicom"), Progress.NONE);
            return new SeriesLoader().load(scan.series().get(0), Progress.NONE).volume();
        } catch (DicomException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** @return the path of the named label file ({@code labels/<name>.nii.gz}) */
    public static Path labelPath(String name) {
        return folder().resolve("labels").resolve(name + ".nii.gz");
    }

    /** @return the named label map, checked to lie on the CT's grid */
    public static LabelMap label(ImageGeometry g, String name) throws IOException {
        LabelMap m = NiftiLabelIo.read(labelPath(name));
        if (!m.geometry().sameGrid(g, 0.01)) {
            throw new IllegalStateException("label " + name + " is not on the CT grid: " + m.geometry() + " vs " + g);
        }
        return m;
    }
}
