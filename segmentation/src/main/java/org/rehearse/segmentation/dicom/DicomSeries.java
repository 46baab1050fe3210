package org.rehearse.segmentation.dicom;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The image files of one series (same Series Instance UID (0020,000E)), as found by {@link DicomFolderScanner}.
 * The headers are in the order of {@link DicomHeader#positionAlongNormalMm()} (then file name); the
 * {@link SeriesLoader} sorts and checks them again.
 *
 * @param seriesInstanceUid Series Instance UID; empty when the files have none (then they were grouped by Frame of
 *                          Reference UID, modality, description, image size and orientation)
 * @param modality          Modality (0008,0060) of the first file, e.g. "CT"; may be empty
 * @param description       Series Description (0008,103E) of the first file; may be empty
 * @param seriesNumber      Series Number (0020,0011) of the first file, -1 when absent
 * @param headers           the headers of its files, at least one
 */
public record DicomSeries(String seriesInstanceUid, String modality, String description, int seriesNumber,
                          List<DicomHeader> headers) {

    /** Checks the arguments and copies the list. */
    public DicomSeries {
        Objects.requireNonNull(seriesInstanceUid);
        modality = modality == null ? "" : modality;
        description = description == null ? "" : description;
        headers = List.copyOf(headers);
        if (headers.isEmpty()) {
            throw new IllegalArgumentException("a series has at least one file");
        }
    }

    /**
     * Makes a series from headers that share one Series Instance UID, sorted by position along the normal.
     *
     * @param headers headers with the same Series Instance UID
     * @return the series
     */
    public static DicomSeries of(List<DicomHeader> headers) {
        List<DicomHeader> sorted = headers.stream()
                .sorted(Comparator.comparingDouble(DicomHeader::positionAlongNormalMm)
                        .thenComparing(h -> h.file().toString()))
                .toList();
        DicomHeader first = sorted.get(0);
        return new DicomSeries(first.seriesInstanceUid(), first.modality(), first.seriesDescription(), first.seriesNumber(), sorted);
    }

    /** @return the number of image files (slices, for single-frame files). */
    public int size() {
        return headers.size();
    }

    /** @return a short description for lists and messages, e.g. "series 3 'CTA thorax' (CT, 164 files)". */
    public String label() {
        return (seriesInstanceUid.isEmpty() ? "unidentified series " : "series ") + (seriesNumber >= 0 ? seriesNumber + " " : "") + (description.isEmpty() ? "" : "'" + description + "' ")
                + "(" + (modality.isEmpty() ? "?" : modality) + ", " + headers.size() + " file" + (headers.size() == 1 ? "" : "s")
                + ", " + headers.get(0).columns() + "×" + headers.get(0).rows() + ")";
    }

    @Override
    public String toString() {
        return label();
    }
}
