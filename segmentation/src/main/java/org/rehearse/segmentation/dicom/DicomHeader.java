package org.rehearse.segmentation.dicom;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The header attributes of one DICOM image file that the project needs, read without the pixel data. Immutable;
 * array accessors return copies. Tag numbers and meanings are those of DICOM PS3.3 (Image Plane module C.7.6.2,
 * Image Pixel module C.7.6.3, CT Image module C.8.2.1) and PS3.10 (File Meta Information).
 * Build instances with {@link Builder}; the builder checks that the mandatory attributes are present.
 */
public final class DicomHeader {
    private final Path file;
    private final String sopInstanceUid, seriesInstanceUid, studyInstanceUid, frameOfReferenceUid, modality, seriesDescription;
    private final int seriesNumber, instanceNumber;
    private final int rows, columns, bitsAllocated, bitsStored, pixelRepresentation, samplesPerPixel, numberOfFrames;
    private final String photometricInterpretation;
    private final double[] pixelSpacingMm, imagePositionPatient, imageOrientationPatient;
    private final double rescaleSlope, rescaleIntercept, sliceThicknessMm;
    private final String transferSyntaxUid, patientName, patientId;

    private DicomHeader(Builder b) {
        file = b.file;
        sopInstanceUid = b.sopInstanceUid;
        seriesInstanceUid = b.seriesInstanceUid;
        studyInstanceUid = b.studyInstanceUid;
        frameOfReferenceUid = b.frameOfReferenceUid;
        modality = b.modality;
        seriesDescription = b.seriesDescription;
        seriesNumber = b.seriesNumber;
        instanceNumber = b.instanceNumber;
        rows = b.rows;
        columns = b.columns;
        bitsAllocated = b.bitsAllocated;
        bitsStored = b.bitsStored;
        pixelRepresentation = b.pixelRepresentation;
        samplesPerPixel = b.samplesPerPixel;
        numberOfFrames = b.numberOfFrames;
        photometricInterpretation = b.photometricInterpretation;
        pixelSpacingMm = b.pixelSpacingMm.clone();
        imagePositionPatient = b.imagePositionPatient.clone();
        imageOrientationPatient = b.imageOrientationPatient.clone();
        rescaleSlope = b.rescaleSlope;
        rescaleIntercept = b.rescaleIntercept;
        sliceThicknessMm = b.sliceThicknessMm;
        transferSyntaxUid = b.transferSyntaxUid;
        patientName = b.patientName;
        patientId = b.patientId;
    }

    /** @return the file this header was read from. */
    public Path file() { return file; }
    /** @return SOP Instance UID (0008,0018); empty when absent. */
    public String sopInstanceUid() { return sopInstanceUid; }
    /**
     * @return Series Instance UID (0020,000E); empty when absent or empty (some anonymisers blank it, although
     *         PS3.3 makes it type 1); {@link DicomFolderScanner} then groups by other attributes.
     */
    public String seriesInstanceUid() { return seriesInstanceUid; }
    /** @return Study Instance UID (0020,000D); empty when absent. */
    public String studyInstanceUid() { return studyInstanceUid; }
    /** @return Frame of Reference UID (0020,0052); empty when absent. */
    public String frameOfReferenceUid() { return frameOfReferenceUid; }
    /** @return Modality (0008,0060), e.g. "CT", "MR"; empty when absent. */
    public String modality() { return modality; }
    /** @return Series Description (0008,103E); empty when absent. */
    public String seriesDescription() { return seriesDescription; }
    /** @return Series Number (0020,0011); -1 when absent. */
    public int seriesNumber() { return seriesNumber; }
    /** @return Instance Number (0020,0013); -1 when absent. Not used for slice order. */
    public int instanceNumber() { return instanceNumber; }
    /** @return Rows (0028,0010): the image height in pixels. */
    public int rows() { return rows; }
    /** @return Columns (0028,0011): the image width in pixels. */
    public int columns() { return columns; }
    /** @return Bits Allocated (0028,0100): 8 or 16 (32 is rejected by the codec). */
    public int bitsAllocated() { return bitsAllocated; }
    /** @return Bits Stored (0028,0101), at most Bits Allocated. */
    public int bitsStored() { return bitsStored; }
    /** @return Pixel Representation (0028,0103): 0 unsigned, 1 two's complement signed. */
    public int pixelRepresentation() { return pixelRepresentation; }
    /** @return Samples per Pixel (0028,0002): 1 for grey-scale images. */
    public int samplesPerPixel() { return samplesPerPixel; }
    /** @return Photometric Interpretation (0028,0004), e.g. "MONOCHROME2". */
    public String photometricInterpretation() { return photometricInterpretation; }
    /**
     * @return Pixel Spacing (0028,0030) in mm as {row spacing, column spacing}: index 0 is the distance between
     *         the centres of adjacent rows (along the column direction), index 1 between adjacent columns (PS3.3
     *         C.7.6.2.1.1).
     */
    public double[] pixelSpacingMm() { return pixelSpacingMm.clone(); }
    /** @return Image Position (Patient) (0020,0032): LPS position in mm of the centre of the first pixel. */
    public double[] imagePositionPatient() { return imagePositionPatient.clone(); }
    /**
     * @return Image Orientation (Patient) (0020,0037): six direction cosines in LPS, the row direction (along a
     *         row, i.e. increasing column index) then the column direction (increasing row index).
     */
    public double[] imageOrientationPatient() { return imageOrientationPatient.clone(); }
    /** @return the row direction: unit LPS vector of increasing column index (first three of IOP). */
    public double[] rowDirection() { return new double[] {imageOrientationPatient[0], imageOrientationPatient[1], imageOrientationPatient[2]}; }
    /** @return the column direction: unit LPS vector of increasing row index (last three of IOP). */
    public double[] columnDirection() { return new double[] {imageOrientationPatient[3], imageOrientationPatient[4], imageOrientationPatient[5]}; }
    /** @return the slice normal rowDirection × columnDirection (unit, LPS); for axial images it points to the head (+S). */
    public double[] normal() {
        double[] r = rowDirection(), c = columnDirection();
        double[] n = {r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0]};
        double len = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
        return new double[] {n[0] / len, n[1] / len, n[2] / len};
    }
    /** @return Rescale Slope (0028,1053); 1 when absent. */
    public double rescaleSlope() { return rescaleSlope; }
    /** @return Rescale Intercept (0028,1052); 0 when absent. With CT, slope·stored + intercept is in HU. */
    public double rescaleIntercept() { return rescaleIntercept; }
    /** @return Slice Thickness (0018,0050) in mm; NaN when absent. Not used for spacing (positions are). */
    public double sliceThicknessMm() { return sliceThicknessMm; }
    /** @return Transfer Syntax UID (0002,0010), or the one guessed for files without meta information. */
    public String transferSyntaxUid() { return transferSyntaxUid; }
    /** @return Number of Frames (0028,0008); 1 when absent. */
    public int numberOfFrames() { return numberOfFrames; }
    /** @return Patient's Name (0010,0010) as stored (identifying: for later de-identification); empty when absent. */
    public String patientName() { return patientName; }
    /** @return Patient ID (0010,0020) (identifying: for later de-identification); empty when absent. */
    public String patientId() { return patientId; }

    /** @return the position of the first pixel projected on the slice normal, in mm (used for slice order). */
    public double positionAlongNormalMm() {
        double[] n = normal();
        return imagePositionPatient[0] * n[0] + imagePositionPatient[1] * n[1] + imagePositionPatient[2] * n[2];
    }

    @Override
    public String toString() {
        return DicomException.name(file) + " [" + modality + " series " + seriesNumber + " " + columns + "x" + rows
                + " instance " + instanceNumber + "]";
    }

    /**
     * Collects the attributes of a {@link DicomHeader}. Setters return this. {@link #build()} checks the mandatory
     * attributes and throws a {@link DicomException} naming the file and the missing or invalid tag.
     */
    public static final class Builder {
        private final Path file;
        private String sopInstanceUid = "", seriesInstanceUid = "", studyInstanceUid = "", frameOfReferenceUid = "", modality = "", seriesDescription = "";
        private int seriesNumber = -1, instanceNumber = -1;
        private int rows = -1, columns = -1, bitsAllocated = -1, bitsStored = -1, pixelRepresentation = -1, samplesPerPixel = 1, numberOfFrames = 1;
        private String photometricInterpretation = "";
        private double[] pixelSpacingMm, imagePositionPatient, imageOrientationPatient;
        private double rescaleSlope = 1, rescaleIntercept = 0, sliceThicknessMm = Double.NaN;
        private String transferSyntaxUid = "", patientName = "", patientId = "";

        /** @param file the file the attributes come from (used in error messages). */
        public Builder(Path file) { this.file = Objects.requireNonNull(file); }

        /** @param v SOP Instance UID (0008,0018); null means absent. @return this */
        public Builder sopInstanceUid(String v) { sopInstanceUid = s(v); return this; }
        /** @param v Series Instance UID (0020,000E). @return this */
        public Builder seriesInstanceUid(String v) { seriesInstanceUid = s(v); return this; }
        /** @param v Study Instance UID (0020,000D). @return this */
        public Builder studyInstanceUid(String v) { studyInstanceUid = s(v); return this; }
        /** @param v Frame of Reference UID (0020,0052). @return this */
        public Builder frameOfReferenceUid(String v) { frameOfReferenceUid = s(v); return this; }
        /** @param v Modality (0008,0060). @return this */
        public Builder modality(String v) { modality = s(v); return this; }
        /** @param v Series Description (0008,103E). @return this */
        public Builder seriesDescription(String v) { seriesDescription = s(v); return this; }
        /** @param v Series Number (0020,0011), -1 when absent. @return this */
        public Builder seriesNumber(int v) { seriesNumber = v; return this; }
        /** @param v Instance Number (0020,0013), -1 when absent. @return this */
        public Builder instanceNumber(int v) { instanceNumber = v; return this; }
        /** @param v Rows (0028,0010), -1 when absent. @return this */
        public Builder rows(int v) { rows = v; return this; }
        /** @param v Columns (0028,0011), -1 when absent. @return this */
        public Builder columns(int v) { columns = v; return this; }
        /** @param v Bits Allocated (0028,0100), -1 when absent. @return this */
        public Builder bitsAllocated(int v) { bitsAllocated = v; return this; }
        /** @param v Bits Stored (0028,0101), -1 when absent (then Bits Allocated is used). @return this */
        public Builder bitsStored(int v) { bitsStored = v; return this; }
        /** @param v Pixel Representation (0028,0103), -1 when absent. @return this */
        public Builder pixelRepresentation(int v) { pixelRepresentation = v; return this; }
        /** @param v Samples per Pixel (0028,0002); default 1. @return this */
        public Builder samplesPerPixel(int v) { samplesPerPixel = v; return this; }
        /** @param v Number of Frames (0028,0008); default 1. @return this */
        public Builder numberOfFrames(int v) { numberOfFrames = v; return this; }
        /** @param v Photometric Interpretation (0028,0004). @return this */
        public Builder photometricInterpretation(String v) { photometricInterpretation = s(v); return this; }
        /** @param v Pixel Spacing (0028,0030) {row, column} mm; null when absent. @return this */
        public Builder pixelSpacingMm(double[] v) { pixelSpacingMm = v == null ? null : v.clone(); return this; }
        /** @param v Image Position (Patient) (0020,0032) LPS mm; null when absent. @return this */
        public Builder imagePositionPatient(double[] v) { imagePositionPatient = v == null ? null : v.clone(); return this; }
        /** @param v Image Orientation (Patient) (0020,0037), six cosines; null when absent. @return this */
        public Builder imageOrientationPatient(double[] v) { imageOrientationPatient = v == null ? null : v.clone(); return this; }
        /** @param v Rescale Slope (0028,1053); default 1. @return this */
        public Builder rescaleSlope(double v) { rescaleSlope = v; return this; }
        /** @param v Rescale Intercept (0028,1052); default 0. @return this */
        public Builder rescaleIntercept(double v) { rescaleIntercept = v; return this; }
        /** @param v Slice Thickness (0018,0050) mm; NaN when absent. @return this */
        public Builder sliceThicknessMm(double v) { sliceThicknessMm = v; return this; }
        /** @param v Transfer Syntax UID. @return this */
        public Builder transferSyntaxUid(String v) { transferSyntaxUid = s(v); return this; }
        /** @param v Patient's Name (0010,0010). @return this */
        public Builder patientName(String v) { patientName = s(v); return this; }
        /** @param v Patient ID (0010,0020). @return this */
        public Builder patientId(String v) { patientId = s(v); return this; }

        private static String s(String v) { return v == null ? "" : v.trim(); }

        /**
         * @return the header
         * @throws DicomException naming the file and the tag when a mandatory attribute is missing or invalid:
         *                        Rows, Columns, Bits Allocated, Pixel Representation,
         *                        Pixel Spacing, Image Position (Patient), Image Orientation (Patient)
         */
        public DicomHeader build() throws DicomException {
            String f = DicomException.name(file);
            if (rows <= 0) throw missing(f, "Rows (0028,0010)");
            if (columns <= 0) throw missing(f, "Columns (0028,0011)");
            if (bitsAllocated <= 0) throw missing(f, "Bits Allocated (0028,0100)");
            if (bitsStored <= 0) bitsStored = bitsAllocated;
            if (bitsStored > bitsAllocated) {
                throw new DicomException(file, f + ": Bits Stored (0028,0101) is " + bitsStored + ", more than Bits Allocated " + bitsAllocated);
            }
            if (pixelRepresentation != 0 && pixelRepresentation != 1) {
                if (pixelRepresentation < 0) throw missing(f, "Pixel Representation (0028,0103)");
                throw new DicomException(file, f + ": Pixel Representation (0028,0103) is " + pixelRepresentation + ", expected 0 or 1");
            }
            if (samplesPerPixel <= 0) samplesPerPixel = 1;
            if (numberOfFrames <= 0) numberOfFrames = 1;
            if (pixelSpacingMm == null || pixelSpacingMm.length < 2) throw missing(f, "Pixel Spacing (0028,0030)");
            if (!(pixelSpacingMm[0] > 0 && pixelSpacingMm[1] > 0) || Double.isInfinite(pixelSpacingMm[0]) || Double.isInfinite(pixelSpacingMm[1])) {
                throw new DicomException(file, f + ": Pixel Spacing (0028,0030) must be two positive values, got "
                        + pixelSpacingMm[0] + "\\" + pixelSpacingMm[1]);
            }
            if (imagePositionPatient == null || imagePositionPatient.length < 3) throw missing(f, "Image Position (Patient) (0020,0032)");
            if (imageOrientationPatient == null || imageOrientationPatient.length < 6) throw missing(f, "Image Orientation (Patient) (0020,0037)");
            for (double v : imagePositionPatient) {
                if (!Double.isFinite(v)) throw new DicomException(file, f + ": Image Position (Patient) (0020,0032) is not a finite number");
            }
            double[] o = imageOrientationPatient;
            double nr = Math.sqrt(o[0] * o[0] + o[1] * o[1] + o[2] * o[2]), nc = Math.sqrt(o[3] * o[3] + o[4] * o[4] + o[5] * o[5]);
            double dot = o[0] * o[3] + o[1] * o[4] + o[2] * o[5];
            if (!(Math.abs(nr - 1) < 0.01 && Math.abs(nc - 1) < 0.01 && Math.abs(dot) < 0.01)) {
                throw new DicomException(file, f + ": Image Orientation (Patient) (0020,0037) is not two orthogonal unit vectors: "
                        + java.util.Arrays.toString(o));
            }
            // normalise the cosines exactly (they are often written with few digits)
            imageOrientationPatient = new double[] {o[0] / nr, o[1] / nr, o[2] / nr, o[3] / nc, o[4] / nc, o[5] / nc};
            if (!Double.isFinite(rescaleSlope) || rescaleSlope == 0) {
                throw new DicomException(file, f + ": Rescale Slope (0028,1053) is " + rescaleSlope);
            }
            if (!Double.isFinite(rescaleIntercept)) {
                throw new DicomException(file, f + ": Rescale Intercept (0028,1052) is not a finite number");
            }
            return new DicomHeader(this);
        }

        private DicomException missing(String f, String tag) {
            return new DicomException(file, f + ": mandatory attribute " + tag + " is missing");
        }
    }
}
