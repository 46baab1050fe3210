package org.rehearse.rendering;

import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.image.Volume;

/** The check both slice views make before drawing a label map over a volume. */
final class LabelOverlayCheck {
    /** Grid tolerance in mm: a label map drawn over an image must lie on its voxel grid. */
    static final double GRID_TOLERANCE_MM = 1e-3;

    private LabelOverlayCheck() {
    }

    /**
     * @param volume the volume shown, or null
     * @param map    the label map to draw over it, or null for none
     * @throws IllegalStateException    when a label map is given but no volume is shown
     * @throws IllegalArgumentException when the label map lies on another grid (both grids are named)
     */
    static void check(Volume volume, LabelMap map) {
        if (map == null) {
            return;
        }
        if (volume == null) {
            throw new IllegalStateException("set a volume before its label map");
        }
        if (!map.geometry().sameGrid(volume.geometry(), GRID_TOLERANCE_MM)) {
            throw new IllegalArgumentException("label map grid (" + map.geometry() + ") differs from the image grid ("
                    + volume.geometry() + ")");
        }
    }
}
