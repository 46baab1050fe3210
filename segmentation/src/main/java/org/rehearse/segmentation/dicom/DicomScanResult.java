package org.rehearse.segmentation.dicom;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What {@link DicomFolderScanner#scan} found in a folder.
 *
 * @param folder  the folder scanned
 * @param series  the image series found, largest first (by number of files); never empty
 * @param skipped the files that were not used, with the reason (not DICOM, damaged, not an image, …)
 */
public record DicomScanResult(Path folder, List<DicomSeries> series, List<SkippedFile> skipped) {

    /**
     * A file that is not part of any series, with the reason.
     *
     * @param file   the file
     * @param reason the message of the {@link DicomException} that excluded it (names the file)
     */
    public record SkippedFile(Path file, String reason) { }

    /**
     * The default series, with the reason for the choice.
     *
     * @param series the chosen series
     * @param reason a sentence for the user, e.g. "Chose series 3 'CTA' (CT, 164 files): the CT series with the
     *               most slices (2 series found)."
     */
    public record Choice(DicomSeries series, String reason) { }

    /** Copies the lists. */
    public DicomScanResult {
        series = List.copyOf(series);
        skipped = List.copyOf(skipped);
    }

    /**
     * Picks the series to load by default: the CT series with the most slices; when there is no CT series, the
     * series with the most slices of any modality. Ties are broken by the lower series number.
     *
     * @return the choice and why; empty only when there is no series
     */
    public Optional<Choice> defaultSeries() {
        Comparator<DicomSeries> bySize = Comparator.comparingInt(DicomSeries::size).reversed()
                .thenComparingInt(s -> s.seriesNumber() < 0 ? Integer.MAX_VALUE : s.seriesNumber());
        Optional<DicomSeries> ct = series.stream().filter(s -> "CT".equalsIgnoreCase(s.modality())).min(bySize);
        String others = series.size() == 1 ? "the only series found" : series.size() + " series found";
        if (ct.isPresent()) {
            long cts = series.stream().filter(s -> "CT".equalsIgnoreCase(s.modality())).count();
            return Optional.of(new Choice(ct.get(), "Chose " + ct.get().label() + ": "
                    + (cts == 1 ? "the only CT series" : "the CT series with the most slices") + " (" + others + ")."));
        }
        return series.stream().min(bySize).map(s -> new Choice(s, "Chose " + s.label()
                + ": there is no CT series, so the series with the most slices (" + others + ")."));
    }
}
