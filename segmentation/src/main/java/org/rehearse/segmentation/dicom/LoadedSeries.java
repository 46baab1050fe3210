package org.rehearse.segmentation.dicom;

import org.rehearse.segmentation.image.Volume;

import java.util.List;
import java.util.Objects;

/**
 * A series loaded by {@link SeriesLoader}.
 *
 * @param volume   the image volume: values after the Modality LUT (Rescale Slope/Intercept), i.e. Hounsfield units
 *                 for CT, on the grid of the slices (LPS mm)
 * @param warnings sentences for the user about what was tolerated or corrected (uneven slice spacing resampled,
 *                 gantry tilt, values clamped); empty when none
 */
public record LoadedSeries(Volume volume, List<String> warnings) {
    /** Checks and copies. */
    public LoadedSeries {
        Objects.requireNonNull(volume);
        warnings = List.copyOf(warnings);
    }
}
