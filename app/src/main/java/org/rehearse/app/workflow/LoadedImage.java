package org.rehearse.app.workflow;

import java.util.List;
import org.rehearse.segmentation.image.Volume;

/**
 * A loaded series.
 *
 * @param volume           the image volume (HU for CT)
 * @param warnings         problems the user should know of that did not stop loading (missing slices, tilt …);
 *                         copied, never null
 * @param description      one line describing the series (patient/series description, size, spacing)
 * @param suggestedSeedLps a seed position in LPS mm the loader suggests (e.g. from a sample case), or null
 */
public record LoadedImage(Volume volume, List<String> warnings, String description, double[] suggestedSeedLps) {
    /** Copies the warnings; null warnings or description become empty. */
    public LoadedImage {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        description = description == null ? "" : description;
    }
}
