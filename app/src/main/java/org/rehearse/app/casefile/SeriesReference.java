package org.rehearse.app.casefile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.rehearse.segmentation.dicom.DicomHeader;
import org.rehearse.segmentation.dicom.DicomScanResult;
import org.rehearse.segmentation.dicom.DicomSeries;

/**
 * Which DICOM series a case was made from, precisely enough to notice when the images are no longer those the
 * segmentation and the results belong to.
 *
 * <p><b>Fingerprint.</b> {@code "sha256:"} + the hexadecimal SHA-256 of the series' file list: one line per file,
 * {@code relative-path TAB SOPInstanceUID TAB size-in-bytes LF}, the path relative to the scanned DICOM folder with
 * {@code /} separators, lines sorted by path. It changes when a file is added, removed, renamed, replaced by another
 * instance or changes size, and stays the same when the whole folder is moved (the path is relative). It does not read
 * pixel data: a same-size in-place edit of pixels with the same SOP Instance UID goes unnoticed (DICOM requires a new
 * SOP Instance UID for changed pixel data, PS3.3 C.12.1.1.1).
 *
 * @param dicomFolder       the DICOM folder as it was scanned, absolute
 * @param seriesInstanceUid Series Instance UID (0020,000E); may be empty for a series without one
 * @param slices            number of image files of the series
 * @param fingerprint       the fingerprint described above
 * @param description       Series Description (0008,103E), may be empty
 * @param modality          Modality (0008,0060), may be empty
 */
public record SeriesReference(String dicomFolder, String seriesInstanceUid, int slices, String fingerprint,
                              String description, String modality) {

    /** Checks that folder, UID and fingerprint are given; null description and modality become empty. */
    public SeriesReference {
        Objects.requireNonNull(dicomFolder, "dicomFolder");
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        Objects.requireNonNull(fingerprint, "fingerprint");
        description = description == null ? "" : description;
        modality = modality == null ? "" : modality;
        if (slices < 1) {
            throw new IllegalArgumentException("a series has at least one slice, got " + slices);
        }
    }

    /**
     * @param scan   the scan the series was found in (its folder is the DICOM folder)
     * @param series the series the case uses
     * @return the reference, with the fingerprint of the series' files as they are now
     * @throws IOException when a file's size cannot be read
     */
    public static SeriesReference of(DicomScanResult scan, DicomSeries series) throws IOException {
        Path folder = scan.folder().toAbsolutePath().normalize();
        return new SeriesReference(folder.toString(), series.seriesInstanceUid(), series.size(),
                fingerprint(folder, series), series.description(), series.modality());
    }

    /** @return the DICOM folder as a path */
    public Path folder() {
        return Path.of(dicomFolder);
    }

    /**
     * @param folder the scanned DICOM folder the file paths are made relative to
     * @param series the series
     * @return the fingerprint of the class documentation
     * @throws IOException when a file's size cannot be read (e.g. it was deleted since the scan)
     */
    public static String fingerprint(Path folder, DicomSeries series) throws IOException {
        Path base = folder.toAbsolutePath().normalize();
        List<String> lines = new ArrayList<>();
        for (DicomHeader h : series.headers()) {
            Path f = h.file().toAbsolutePath().normalize();
            String rel = (f.startsWith(base) ? base.relativize(f) : f).toString().replace('\\', '/');
            lines.add(rel + "\t" + h.sopInstanceUid() + "\t" + Files.size(f) + "\n");
        }
        lines.sort(null);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String l : lines) {
                sha.update(l.getBytes(StandardCharsets.UTF_8));
            }
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Finds this series in a scan of its folder and checks that it is unchanged.
     *
     * @param caseFile the case file that holds this reference (named in messages), may be null
     * @param scan     a scan of the DICOM folder (the stored one, or the folder it was moved to)
     * @return the series
     * @throws CaseFileException naming the case file when the series is not in the scan, or its number of files or its
     *                           fingerprint differ from those saved (the message says which, with both values)
     */
    public DicomSeries verify(Path caseFile, DicomScanResult scan) throws CaseFileException {
        List<DicomSeries> same = new ArrayList<>();
        for (DicomSeries s : scan.series()) {
            if (s.seriesInstanceUid().equals(seriesInstanceUid)) {
                same.add(s);
            }
        }
        if (same.isEmpty()) {
            StringBuilder list = new StringBuilder();
            for (DicomSeries s : scan.series()) {
                list.append(list.length() == 0 ? "" : "; ").append(s.seriesInstanceUid()).append(' ').append(s.label());
            }
            throw new CaseFileException(caseFile, "the case's series " + seriesInstanceUid + " ('" + description
                    + "', " + slices + " slices) is not in the DICOM folder " + scan.folder() + "; series found there: "
                    + (list.length() == 0 ? "none" : list));
        }
        // an empty UID may group several series: take the one whose files match, else report on the first
        String now = null;
        DicomSeries found = same.get(0);
        for (DicomSeries s : same) {
            String f;
            try {
                f = fingerprint(scan.folder(), s);
            } catch (IOException e) {
                throw new CaseFileException(caseFile, "cannot read the files of series " + seriesInstanceUid + " in "
                        + scan.folder() + ": " + e.getMessage(), e);
            }
            if (f.equals(fingerprint)) {
                return s;
            }
            if (s == found) {
                now = f;
            }
        }
        if (found.size() != slices) {
            throw new CaseFileException(caseFile, "the series " + seriesInstanceUid + " in " + scan.folder() + " has changed: "
                    + found.size() + " image files now, " + slices + " when the case was saved");
        }
        throw new CaseFileException(caseFile, "the files of series " + seriesInstanceUid + " in " + scan.folder()
                + " have changed since the case was saved (a file was renamed, replaced or changed size): fingerprint "
                + now + ", saved " + fingerprint);
    }
}
