package org.rehearse.app.workflow;

/**
 * One image series found in a folder, as offered to the user.
 *
 * @param uid      SeriesInstanceUID (0020,000E), used to load it
 * @param label    human-readable description, e.g. "CT 3: CTA thorax 1.0 mm"
 * @param slices   number of images (slices) in the series
 * @param modality DICOM Modality (0008,0060), e.g. "CT"
 */
public record SeriesChoice(String uid, String label, int slices, String modality) {
    @Override
    public String toString() {
        return label + " (" + modality + ", " + slices + " slices)";
    }
}
