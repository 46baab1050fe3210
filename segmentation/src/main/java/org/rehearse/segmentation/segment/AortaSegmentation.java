package org.rehearse.segmentation.segment;

import java.util.EnumSet;
import java.util.Set;
import org.rehearse.segmentation.image.LabelMap;

/**
 * Result of {@link AortaSegmenter#segmentAutomatic} and {@link AortaSegmenter#segmentWithBranches}.
 *
 * @param labels label map on the CT grid with the values of {@link AortaLabel} (0 background, 1 aorta, 2–4 arch
 *               branches)
 * @param seedLps the seed the aorta was grown from, DICOM LPS mm (found automatically or given)
 * @param branchesFound the arch branches present in {@code labels} (possibly none)
 */
public record AortaSegmentation(LabelMap labels, double[] seedLps, Set<AortaLabel> branchesFound) {
    /** Copies the seed and the set. */
    public AortaSegmentation {
        seedLps = seedLps.clone();
        branchesFound = branchesFound.isEmpty() ? EnumSet.noneOf(AortaLabel.class) : EnumSet.copyOf(branchesFound);
    }

    /** @return the seed, LPS mm (copy) */
    @Override
    public double[] seedLps() {
        return seedLps.clone();
    }

    /**
     * @param label a structure
     * @return a new 0/1 label map holding only that structure's voxels
     */
    public LabelMap mask(AortaLabel label) {
        byte[] src = labels.labels();
        byte[] out = new byte[src.length];
        byte v = (byte) label.value();
        for (int n = 0; n < src.length; n++) {
            out[n] = (byte) (src[n] == v ? 1 : 0);
        }
        return new LabelMap(labels.geometry(), out);
    }

    /** @return a new 0/1 label map of the aorta and its branches together (every non-zero voxel) */
    public LabelMap vesselMask() {
        byte[] src = labels.labels();
        byte[] out = new byte[src.length];
        for (int n = 0; n < src.length; n++) {
            out[n] = (byte) (src[n] != 0 ? 1 : 0);
        }
        return new LabelMap(labels.geometry(), out);
    }
}
