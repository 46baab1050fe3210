package org.rehearse.segmentation.dicom;

import org.rehearse.segmentation.Progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Finds the DICOM image series in a folder and its sub-folders by reading the headers only (up to Pixel Data),
 * in parallel. Files are grouped by Series Instance UID (0020,000E); files that are not DICOM images are reported
 * as skipped with the reason, never silently dropped.
 */
public final class DicomFolderScanner {
    private final DicomCodec codec;
    private final int threads;

    /** A scanner on {@link PixelMedCodec}, using up to 4 threads (fewer on smaller machines). */
    public DicomFolderScanner() {
        this(new PixelMedCodec(), Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
    }

    /**
     * @param codec   the DICOM codec to read headers with
     * @param threads number of threads reading headers, at least 1
     */
    public DicomFolderScanner(DicomCodec codec, int threads) {
        this.codec = codec;
        this.threads = Math.max(1, threads);
    }

    /**
     * The key files are grouped by: the Series Instance UID, or when it is empty (blanked by some anonymisers) the
     * folder, Frame of Reference UID, modality, series description and number, image size and orientation.
     */
    static String seriesKey(DicomHeader h) {
        if (!h.seriesInstanceUid().isEmpty()) {
            return h.seriesInstanceUid();
        }
        double[] o = h.imageOrientationPatient();
        StringBuilder sb = new StringBuilder("(no Series Instance UID)|").append(h.file().getParent()).append('|').append(h.frameOfReferenceUid())
                .append('|').append(h.modality()).append('|').append(h.seriesDescription()).append('|').append(h.seriesNumber())
                .append('|').append(h.columns()).append('x').append(h.rows());
        for (double v : o) {
            sb.append('|').append(Math.round(v * 1000));
        }
        return sb.toString();
    }

    /**
     * Scans a folder recursively (hidden files, i.e. names starting with '.', and DICOMDIR are ignored).
     *
     * @param folder   the folder
     * @param progress progress (fraction of files read) and cancellation; {@link Progress#NONE} for none
     * @return the series found (largest first) and the files skipped with their reason
     * @throws DicomException (naming the folder) when the folder does not exist or is not a folder, is empty, or
     *                        holds no readable DICOM image (the message then gives the first reasons)
     * @throws Progress.CancelledException when cancelled
     */
    public DicomScanResult scan(Path folder, Progress progress) throws DicomException {
        if (folder == null || !Files.exists(folder)) {
            throw new DicomException(folder, "DICOM folder " + folder + " does not exist");
        }
        if (!Files.isDirectory(folder)) {
            throw new DicomException(folder, "DICOM folder " + folder + " is not a folder");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !p.getFileName().toString().equalsIgnoreCase("DICOMDIR"))
                    .sorted()
                    .toList();
        } catch (IOException | RuntimeException e) {
            throw new DicomException(folder, "cannot list DICOM folder " + folder + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new DicomException(folder, "DICOM folder " + folder + " is empty (no files, also in its sub-folders)");
        }
        progress.update(0, "Reading DICOM headers of " + files.size() + " files");
        List<DicomHeader> headers = new ArrayList<>();
        List<DicomScanResult.SkippedFile> skipped = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, files.size()), r -> {
            Thread t = new Thread(r, "dicom-scan");
            t.setDaemon(true);
            return t;
        });
        try {
            CompletionService<Object> done = new ExecutorCompletionService<>(pool);
            List<Future<Object>> futures = new ArrayList<>();
            for (Path p : files) {
                futures.add(done.submit(() -> {
                    try {
                        return codec.readHeader(p);
                    } catch (DicomException e) {
                        return e;
                    }
                }));
            }
            for (int n = 0; n < files.size(); n++) {
                progress.checkCancelled();
                Object o;
                try {
                    o = done.take().get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Progress.CancelledException();
                } catch (ExecutionException e) {
                    throw new DicomException(folder, "reading DICOM headers in " + folder + " failed: " + e.getCause(), e.getCause());
                }
                if (o instanceof DicomHeader h) {
                    headers.add(h);
                } else {
                    DicomException e = (DicomException) o;
                    skipped.add(new DicomScanResult.SkippedFile(e.file(), e.getMessage()));
                }
                if ((n & 15) == 15 || n == files.size() - 1) {
                    progress.update((n + 1.0) / files.size(), "Read " + (n + 1) + " of " + files.size() + " DICOM headers");
                }
            }
            futures.clear();
        } finally {
            pool.shutdownNow();
        }
        skipped.sort(Comparator.comparing(s -> s.file().toString()));
        if (headers.isEmpty()) {
            StringBuilder sb = new StringBuilder("no DICOM image found in " + folder + " (" + files.size() + " file"
                    + (files.size() == 1 ? "" : "s") + " skipped)");
            for (int i = 0; i < Math.min(3, skipped.size()); i++) {
                sb.append(i == 0 ? ": " : "; ").append(skipped.get(i).reason());
            }
            if (skipped.size() > 3) {
                sb.append("; …");
            }
            throw new DicomException(folder, sb.toString());
        }
        Map<String, List<DicomHeader>> bySeries = new LinkedHashMap<>();
        headers.sort(Comparator.comparing(h -> h.file().toString()));
        for (DicomHeader h : headers) {
            bySeries.computeIfAbsent(seriesKey(h), k -> new ArrayList<>()).add(h);
        }
        List<DicomSeries> series = new ArrayList<>();
        for (List<DicomHeader> l : bySeries.values()) {
            series.add(DicomSeries.of(l));
        }
        series.sort(Comparator.comparingInt(DicomSeries::size).reversed()
                .thenComparingInt(s -> s.seriesNumber() < 0 ? Integer.MAX_VALUE : s.seriesNumber()));
        progress.update(1, "Found " + series.size() + " series in " + headers.size() + " DICOM files"
                + (skipped.isEmpty() ? "" : ", skipped " + skipped.size() + " files"));
        return new DicomScanResult(folder, series, skipped);
    }
}
