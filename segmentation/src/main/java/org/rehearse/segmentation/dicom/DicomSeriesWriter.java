package org.rehearse.segmentation.dicom;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.SpecificCharacterSet;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.Volume;

/**
 * Writes a {@link Volume} in Hounsfield units as a DICOM CT image series, one Part 10 file per slice, with PixelMed.
 *
 * <p>Encoding: Explicit VR Little Endian (1.2.840.10008.1.2.1), SOP Class CT Image Storage
 * (1.2.840.10008.5.1.4.1.1.2), MONOCHROME2, BitsAllocated = BitsStored = 16, HighBit 15, PixelRepresentation 1
 * (signed), RescaleSlope 1, RescaleIntercept 0, RescaleType HU: the stored value <em>is</em> the HU value, so the
 * full short range of {@link Volume#values()} is stored without clipping (DICOM PS3.3 C.8.2.1 CT Image Module,
 * C.7.6.3 Image Pixel Module).
 *
 * <p>Geometry (PS3.3 C.7.6.2 Image Plane Module): for slice k, ImagePositionPatient = LPS position of voxel (0,0,k),
 * ImageOrientationPatient = direction of i (row direction) then of j (column direction), PixelSpacing =
 * row spacing \ column spacing = Δj \ Δi, SliceThickness = SpacingBetweenSlices = Δk, SliceLocation = the
 * projection of the position on the slice normal. Reading the files back therefore reproduces the grid of the
 * volume, slice k of the volume in file {@code IM%04d.dcm} (k + 1).
 *
 * <p>Determinism: Study, Series, Frame of Reference and SOP Instance UIDs are derived from {@link
 * Metadata#uidSeed()} as {@code 2.25.<128-bit integer of a name-based (MD5, version 3) UUID>} (PS3.5 B.2,
 * ITU-T X.667); no date, time or random number is written, so the same volume and metadata give byte-identical
 * files. Files are written in parallel (one task per slice) on the common fork-join pool.
 */
public final class DicomSeriesWriter {
    private static final String TS = TransferSyntax.ExplicitVRLittleEndian;
    private static final SpecificCharacterSet UTF8 = new SpecificCharacterSet(new String[] {"ISO_IR 192"});

    /**
     * Patient and series identification written to every file.
     *
     * @param patientName       PatientName (0010,0010), DICOM PN form e.g. "Phantom^Coarctation"; not null
     * @param patientId         PatientID (0010,0020); not null
     * @param studyDescription  StudyDescription (0008,1030); not null
     * @param seriesDescription SeriesDescription (0008,103E); not null
     * @param uidSeed           any string; all UIDs are derived from it (same seed → same UIDs); not null
     */
    public record Metadata(String patientName, String patientId, String studyDescription, String seriesDescription,
                           String uidSeed) {
        /** @throws NullPointerException when a field is null */
        public Metadata {
            Objects.requireNonNull(patientName, "patientName");
            Objects.requireNonNull(patientId, "patientId");
            Objects.requireNonNull(studyDescription, "studyDescription");
            Objects.requireNonNull(seriesDescription, "seriesDescription");
            Objects.requireNonNull(uidSeed, "uidSeed");
        }
    }

    private DicomSeriesWriter() {
    }

    /**
     * Writes the series. Existing files of the same names are overwritten; other files in the folder are left alone.
     *
     * @param volume    the image in HU on its grid
     * @param outDir    destination folder, created when missing
     * @param metadata  identification and UID seed
     * @param progress  progress (fraction of slices written) and cancellation
     * @return the written files in slice order (slice 0 first)
     * @throws IOException                   when a file cannot be written or PixelMed rejects a value
     * @throws Progress.CancelledException   when cancelled (files written so far remain)
     */
    public static List<Path> write(Volume volume, Path outDir, Metadata metadata, Progress progress) throws IOException {
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(metadata, "metadata");
        Files.createDirectories(outDir);
        ImageGeometry g = volume.geometry();
        int slices = g.slices();
        int digits = Math.max(4, String.valueOf(slices).length());
        String studyUid = uid(metadata.uidSeed() + "/study");
        String seriesUid = uid(metadata.uidSeed() + "/series");
        String forUid = uid(metadata.uidSeed() + "/frame-of-reference");
        List<Path> files = new ArrayList<>(slices);
        for (int k = 0; k < slices; k++) {
            files.add(outDir.resolve(String.format("IM%0" + digits + "d.dcm", k + 1)));
        }
        AtomicInteger done = new AtomicInteger();
        progress.update(0, "Writing DICOM series");
        try {
            IntStream.range(0, slices).parallel().forEach(k -> {
                progress.checkCancelled();
                try {
                    AttributeList list = slice(volume, k, metadata, studyUid, seriesUid, forUid);
                    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(files.get(k)), 1 << 17)) {
                        list.write(out, TS, true, true);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + files.get(k) + ": " + e.getMessage(), e);
                } catch (DicomException e) {
                    throw new UncheckedIOException("cannot encode " + files.get(k) + ": " + e.getMessage(), new IOException(e));
                }
                int n = done.incrementAndGet();
                progress.update((double) n / slices, "Writing DICOM slice " + n + " of " + slices);
            });
        } catch (UncheckedIOException e) {
            throw new IOException(e.getMessage(), e.getCause());
        }
        return files;
    }

    /**
     * A deterministic DICOM UID for a seed string: {@code "2.25."} followed by the unsigned decimal value of the
     * name-based UUID (version 3) of the UTF-8 bytes of {@code seed} (PS3.5 B.2). At most 44 characters.
     *
     * @param seed any string
     * @return the UID
     */
    public static String uid(String seed) {
        UUID u = UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8));
        BigInteger hi = new BigInteger(Long.toUnsignedString(u.getMostSignificantBits()));
        BigInteger lo = new BigInteger(Long.toUnsignedString(u.getLeastSignificantBits()));
        return "2.25." + hi.shiftLeft(64).or(lo);
    }

    private static AttributeList slice(Volume volume, int k, Metadata m, String studyUid, String seriesUid, String forUid)
            throws DicomException {
        ImageGeometry g = volume.geometry();
        AttributeList l = new AttributeList();
        String sopUid = uid(m.uidSeed() + "/instance/" + k);
        put(l, TagFromName.SpecificCharacterSet, "ISO_IR 192");
        put(l, TagFromName.ImageType, "DERIVED", "SECONDARY", "AXIAL");
        put(l, TagFromName.SOPClassUID, SOPClass.CTImageStorage);
        put(l, TagFromName.SOPInstanceUID, sopUid);
        put(l, TagFromName.StudyDate);
        put(l, TagFromName.StudyTime);
        put(l, TagFromName.AccessionNumber);
        put(l, TagFromName.Modality, "CT");
        put(l, TagFromName.Manufacturer, "Rehearse");
        put(l, TagFromName.ReferringPhysicianName);
        put(l, TagFromName.StudyDescription, m.studyDescription());
        put(l, TagFromName.SeriesDescription, m.seriesDescription());
        put(l, TagFromName.PatientName, m.patientName());
        put(l, TagFromName.PatientID, m.patientId());
        put(l, TagFromName.PatientBirthDate);
        put(l, TagFromName.PatientSex);
        put(l, new AttributeTag(0x0018, 0x0060));
        put(l, TagFromName.SliceThickness, ds(g.spacingMm(2)));
        put(l, TagFromName.SpacingBetweenSlices, ds(g.spacingMm(2)));
        put(l, TagFromName.StudyInstanceUID, studyUid);
        put(l, TagFromName.SeriesInstanceUID, seriesUid);
        put(l, TagFromName.StudyID, "1");
        put(l, TagFromName.SeriesNumber, "1");
        put(l, TagFromName.AcquisitionNumber, "1");
        put(l, TagFromName.InstanceNumber, Integer.toString(k + 1));
        double[] pos = g.indexToLps(new double[] {0, 0, k}, null);
        put(l, TagFromName.ImagePositionPatient, ds(pos[0]), ds(pos[1]), ds(pos[2]));
        double[] r = g.direction(0), c = g.direction(1);
        put(l, TagFromName.ImageOrientationPatient, ds(r[0]), ds(r[1]), ds(r[2]), ds(c[0]), ds(c[1]), ds(c[2]));
        put(l, TagFromName.FrameOfReferenceUID, forUid);
        put(l, TagFromName.PositionReferenceIndicator);
        double[] n = {r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0]};
        put(l, TagFromName.SliceLocation, ds(pos[0] * n[0] + pos[1] * n[1] + pos[2] * n[2]));
        putInt(l, TagFromName.SamplesPerPixel, 1);
        put(l, TagFromName.PhotometricInterpretation, "MONOCHROME2");
        putInt(l, TagFromName.Rows, g.rows());
        putInt(l, TagFromName.Columns, g.columns());
        put(l, TagFromName.PixelSpacing, ds(g.spacingMm(1)), ds(g.spacingMm(0)));
        putInt(l, TagFromName.BitsAllocated, 16);
        putInt(l, TagFromName.BitsStored, 16);
        putInt(l, TagFromName.HighBit, 15);
        putInt(l, TagFromName.PixelRepresentation, 1);
        put(l, TagFromName.WindowCenter, "300");
        put(l, TagFromName.WindowWidth, "700");
        put(l, TagFromName.RescaleIntercept, "0");
        put(l, TagFromName.RescaleSlope, "1");
        put(l, TagFromName.RescaleType, "HU");
        int plane = g.columns() * g.rows();
        short[] pixels = new short[plane];
        System.arraycopy(volume.values(), k * plane, pixels, 0, plane);
        OtherWordAttribute pd = new OtherWordAttribute(TagFromName.PixelData);
        pd.setValues(pixels);
        l.put(pd);
        FileMetaInformation.addFileMetaInformation(l, TS, "REHEARSE");
        return l;
    }

    private static void put(AttributeList l, AttributeTag tag, String... values) throws DicomException {
        Attribute a = l.putNewAttribute(tag, UTF8);
        for (String v : values) {
            a.addValue(v);
        }
    }

    private static void putInt(AttributeList l, AttributeTag tag, int value) throws DicomException {
        l.putNewAttribute(tag).addValue(value);
    }

    /**
     * A Decimal String value (PS3.5 6.2: at most 16 characters) for a double: plain notation, rounded to as many
     * decimals as fit (at most 6), trailing zeros removed.
     */
    static String ds(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("cannot write " + v + " as a DICOM decimal string");
        }
        for (int decimals = 6; decimals >= 0; decimals--) {
            BigDecimal b = BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_EVEN).stripTrailingZeros();
            String s = b.signum() == 0 ? "0" : b.toPlainString();
            if (s.length() <= 16) {
                return s;
            }
        }
        throw new IllegalArgumentException("value " + v + " does not fit a 16-character DICOM decimal string");
    }
}
