package org.rehearse.segmentation.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Arrays;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi;

/**
 * {@link DicomCodec} on PixelMed (dclunie.com, Debian package libpixelmed-java), with the ImageIO plugins of
 * pixelmed-imageio (JPEG Lossless, Process 14) and jai-imageio-jpeg2000 (JPEG 2000, 1.2.840.10008.1.2.4.90/.91).
 * RLE Lossless, deflate and the native (uncompressed) syntaxes are decoded by PixelMed itself. JPEG-LS
 * (1.2.840.10008.1.2.4.80/.81, grey-scale) is decoded by this project's {@link JpegLsDecoder}, since PixelMed has
 * no JPEG-LS decoder and no maintained pure-Java one is published on Maven Central.
 *
 * <p>PixelMed logs rather than throws on some damaged files (and, without a stop tag, reads a zero-padded file
 * element by element for seconds). This class therefore checks the file's start itself, stops reading the header
 * at Pixel Data (7FE0,0010) or at a zero tag, and checks the length of what PixelMed returns; every problem
 * becomes a {@link DicomException} naming the file. Thread-safe (no shared mutable state).
 */
public final class PixelMedCodec implements DicomCodec {
    private static final AttributeTag PIXEL_DATA = TagFromName.PixelData;
    private static final int PREAMBLE = 128;

    static {
        // make sure the ImageIO plugins on the class path (jai-imageio-jpeg2000, pixelmed-imageio) are registered,
        // also when ImageIO was first used under another context class loader
        ImageIO.scanForPlugins();
        preferJaiJpeg2000Reader();
    }

    /**
     * PixelMed takes the first ImageIO reader registered for "jpeg2000"; make sure that is jai-imageio's
     * J2KImageReader (pure Java, lossless-exact), ahead of any other JPEG 2000 plugin on the class path.
     */
    private static void preferJaiJpeg2000Reader() {
        IIORegistry registry = IIORegistry.getDefaultInstance();
        ImageReaderSpi j2k = registry.getServiceProviderByClass(J2KImageReaderSpi.class);
        if (j2k == null) {
            j2k = new J2KImageReaderSpi();
            registry.registerServiceProvider(j2k, ImageReaderSpi.class);
        }
        Iterator<ImageReaderSpi> it = registry.getServiceProviders(ImageReaderSpi.class, true);
        while (it.hasNext()) {
            ImageReaderSpi other = it.next();
            if (other != j2k && Arrays.asList(other.getFormatNames()).contains("jpeg2000")) {
                registry.setOrdering(ImageReaderSpi.class, j2k, other);
            }
        }
    }

    /** @return the class name of the ImageIO reader PixelMed will use for JPEG 2000, or null when there is none. */
    static String jpeg2000ReaderClass() {
        Iterator<javax.imageio.ImageReader> it = ImageIO.getImageReadersByFormatName("jpeg2000");
        return it.hasNext() ? it.next().getClass().getName() : null;
    }

    /** Creates a codec. */
    public PixelMedCodec() { }

    @Override
    public boolean canDecode(String uid) {
        if (uid == null) {
            return false;
        }
        if (TransferSyntaxes.isJpegLs(uid)) {
            return true; // by this project's JpegLsDecoder (grey-scale, one component)
        }
        switch (uid) {
            case TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN:
            case TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN:
            case TransferSyntaxes.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN:
            case TransferSyntaxes.EXPLICIT_VR_BIG_ENDIAN:
            case TransferSyntaxes.RLE_LOSSLESS:
                return true;
            case TransferSyntaxes.JPEG_LOSSLESS:
            case TransferSyntaxes.JPEG_LOSSLESS_SV1:
                return ImageIO.getImageReadersByFormatName("jpeg-lossless").hasNext();
            case TransferSyntaxes.JPEG_2000_LOSSLESS:
            case TransferSyntaxes.JPEG_2000:
                return ImageIO.getImageReadersByFormatName("jpeg2000").hasNext();
            case "1.2.840.10008.1.2.4.50":
                return true; // 8-bit baseline JPEG, read by the JDK's own reader
            default:
                return false;
        }
    }

    // ------------------------------------------------------------------------------------------------ header

    @Override
    public DicomHeader readHeader(Path file) throws DicomException {
        String f = DicomException.name(file);
        long size = checkStart(file);
        Reading r = read(file, size, true);
        AttributeList l = r.list;
        if (r.zeroTagOffset >= 0) {
            throw new DicomException(file, f + ": the data set is damaged: zero bytes instead of a data element at byte "
                    + r.zeroTagOffset + " (zero-padded or overwritten file?)");
        }
        if (r.pixelDataOffset < 0) {
            boolean truncated = l.get(TagFromName.Rows) != null || r.lastTag == null || l.get(r.lastTag) == null
                    || r.lastTagOffset + l.get(r.lastTag).getVL() > size || r.eof;
            if (truncated) {
                throw new DicomException(file, f + ": file ends inside the header (truncated?): no Pixel Data (7FE0,0010) in its "
                        + size + " bytes");
            }
            String sopClass = Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SOPClassUID);
            throw new DicomException(file, f + ": not an image: it has no Pixel Data (7FE0,0010)"
                    + (sopClass.isEmpty() ? "" : " (SOP Class UID " + sopClass + ")"));
        }
        String ts = Attribute.getSingleStringValueOrEmptyString(l, TagFromName.TransferSyntaxUID);
        if (ts.isEmpty()) {
            ts = r.transferSyntax;
        }
        try {
            return new DicomHeader.Builder(file)
                    .sopInstanceUid(str(l, TagFromName.SOPInstanceUID))
                    .seriesInstanceUid(str(l, TagFromName.SeriesInstanceUID))
                    .studyInstanceUid(str(l, TagFromName.StudyInstanceUID))
                    .frameOfReferenceUid(str(l, TagFromName.FrameOfReferenceUID))
                    .modality(str(l, TagFromName.Modality))
                    .seriesDescription(str(l, TagFromName.SeriesDescription))
                    .seriesNumber(integer(file, l, TagFromName.SeriesNumber, "Series Number (0020,0011)", -1))
                    .instanceNumber(integer(file, l, TagFromName.InstanceNumber, "Instance Number (0020,0013)", -1))
                    .rows(integer(file, l, TagFromName.Rows, "Rows (0028,0010)", -1))
                    .columns(integer(file, l, TagFromName.Columns, "Columns (0028,0011)", -1))
                    .bitsAllocated(integer(file, l, TagFromName.BitsAllocated, "Bits Allocated (0028,0100)", -1))
                    .bitsStored(integer(file, l, TagFromName.BitsStored, "Bits Stored (0028,0101)", -1))
                    .pixelRepresentation(integer(file, l, TagFromName.PixelRepresentation, "Pixel Representation (0028,0103)", -1))
                    .samplesPerPixel(integer(file, l, TagFromName.SamplesPerPixel, "Samples per Pixel (0028,0002)", 1))
                    .numberOfFrames(integer(file, l, TagFromName.NumberOfFrames, "Number of Frames (0028,0008)", 1))
                    .photometricInterpretation(str(l, TagFromName.PhotometricInterpretation))
                    .pixelSpacingMm(doubles(file, l, TagFromName.PixelSpacing, "Pixel Spacing (0028,0030)"))
                    .imagePositionPatient(doubles(file, l, TagFromName.ImagePositionPatient, "Image Position (Patient) (0020,0032)"))
                    .imageOrientationPatient(doubles(file, l, TagFromName.ImageOrientationPatient, "Image Orientation (Patient) (0020,0037)"))
                    .rescaleSlope(number(file, l, TagFromName.RescaleSlope, "Rescale Slope (0028,1053)", 1))
                    .rescaleIntercept(number(file, l, TagFromName.RescaleIntercept, "Rescale Intercept (0028,1052)", 0))
                    .sliceThicknessMm(number(file, l, TagFromName.SliceThickness, "Slice Thickness (0018,0050)", Double.NaN))
                    .transferSyntaxUid(ts)
                    .patientName(str(l, TagFromName.PatientName))
                    .patientId(str(l, TagFromName.PatientID))
                    .build();
        } catch (RuntimeException e) {
            throw new DicomException(file, f + ": damaged header: " + e, e);
        }
    }

    /**
     * Checks that the file exists and starts like DICOM PS3.10: "DICM" after a 128-byte preamble, or (files
     * without preamble) a little-endian data element of group 0002 or 0008 at byte 0.
     *
     * @return the file size in bytes
     */
    private static long checkStart(Path file) throws DicomException {
        String f = DicomException.name(file);
        byte[] head = new byte[PREAMBLE + 4];
        int n;
        long size;
        try (InputStream in = Files.newInputStream(file)) {
            size = Files.size(file);
            n = in.readNBytes(head, 0, head.length);
        } catch (NoSuchFileException e) {
            throw new DicomException(file, f + ": file does not exist (" + file + ")", e);
        } catch (IOException e) {
            throw new DicomException(file, f + ": cannot read the file: " + e.getMessage(), e);
        }
        if (size == 0) {
            throw new DicomException(file, f + ": not a DICOM file (the file is empty)");
        }
        boolean dicm = n == head.length && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M';
        if (dicm) {
            return size;
        }
        int group = n >= 8 ? (head[0] & 0xFF) | (head[1] & 0xFF) << 8 : -1;
        int element = n >= 8 ? (head[2] & 0xFF) | (head[3] & 0xFF) << 8 : -1;
        boolean plausible = (group == 0x0008 || group == 0x0002) && element < 0x1000;
        if (!plausible) {
            throw new DicomException(file, f + ": not a DICOM file (no DICM preamble and no valid group 0008 element)");
        }
        return size;
    }

    /** The outcome of one PixelMed read. */
    private static final class Reading {
        AttributeList list = new AttributeList();
        long pixelDataOffset = -1, zeroTagOffset = -1, lastTagOffset = -1;
        AttributeTag lastTag;
        String transferSyntax = "";
        boolean eof;
    }

    /** Reads the file with PixelMed, up to Pixel Data (headerOnly) or completely (decompressing the pixel data). */
    private static Reading read(Path file, long size, boolean headerOnly) throws DicomException {
        String f = DicomException.name(file);
        Reading r = new Reading();
        try (DicomInputStream in = new DicomInputStream(new BufferedInputStream(Files.newInputStream(file), 65536))) {
            TransferSyntax ts = in.getTransferSyntaxToReadDataSet();
            if (ts != null) {
                r.transferSyntax = ts.getUID();
            }
            r.list.read(in, (list, tag, offset) -> {
                if (r.pixelDataOffset >= 0 && !tag.equals(PIXEL_DATA)) {
                    return true; // nothing after Pixel Data is needed (e.g. trailing padding, often zeros)
                }
                if (tag.getGroup() == 0 && tag.getElement() == 0) {
                    r.zeroTagOffset = offset;
                    return true;
                }
                if (tag.equals(PIXEL_DATA)) {
                    if (r.pixelDataOffset < 0) {
                        r.pixelDataOffset = offset;
                    }
                    return headerOnly;
                }
                r.lastTag = tag;
                r.lastTagOffset = offset;
                return false;
            });
        } catch (EOFException e) {
            r.eof = true;
            if (headerOnly || r.pixelDataOffset < 0) {
                throw new DicomException(file, f + ": file ends inside the header (truncated?)", e);
            }
            throw new DicomException(file, f + ": file ends inside the pixel data (truncated?)", e);
        } catch (IOException | com.pixelmed.dicom.DicomException | RuntimeException e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.toLowerCase(Locale.ROOT).contains("no reader for")) {
                throw new DicomException(file, f + ": " + msg, e); // replaced by a clearer message in decodeFrame
            }
            if (r.pixelDataOffset >= 0 && !headerOnly) {
                throw new DicomException(file, f + ": cannot decode the pixel data: " + e, e);
            }
            throw new DicomException(file, f + ": cannot read the DICOM header: " + e, e);
        } catch (OutOfMemoryError e) {
            throw new DicomException(file, f + ": the header declares an impossibly long element (damaged file?)", e);
        }
        if (size > 0 && r.zeroTagOffset < 0 && r.lastTagOffset > size) {
            r.eof = true;
        }
        return r;
    }

    private static String str(AttributeList l, AttributeTag tag) {
        return Attribute.getSingleStringValueOrEmptyString(l, tag);
    }

    private static int integer(Path file, AttributeList l, AttributeTag tag, String name, int dflt) throws DicomException {
        Attribute a = l.get(tag);
        if (a == null || a.getVM() == 0) {
            return dflt;
        }
        try {
            String s = a.getSingleStringValueOrEmptyString().trim();
            if (s.isEmpty()) {
                return dflt;
            }
            return a.getIntegerValues()[0];
        } catch (com.pixelmed.dicom.DicomException | RuntimeException e) {
            throw new DicomException(file, DicomException.name(file) + ": " + name + " is not an integer: '"
                    + Attribute.getDelimitedStringValuesOrEmptyString(a) + "'", e);
        }
    }

    private static double number(Path file, AttributeList l, AttributeTag tag, String name, double dflt) throws DicomException {
        double[] v = doubles(file, l, tag, name);
        return v == null || v.length == 0 ? dflt : v[0];
    }

    private static double[] doubles(Path file, AttributeList l, AttributeTag tag, String name) throws DicomException {
        Attribute a = l.get(tag);
        if (a == null || a.getVM() == 0) {
            return null;
        }
        try {
            String[] parts = a.getStringValues();
            if (parts == null) {
                return null;
            }
            double[] v = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                v[i] = Double.parseDouble(parts[i].trim());
            }
            return v;
        } catch (com.pixelmed.dicom.DicomException | RuntimeException e) {
            throw new DicomException(file, DicomException.name(file) + ": " + name + " is not a list of numbers: '"
                    + Attribute.getDelimitedStringValuesOrEmptyString(a) + "'", e);
        }
    }

    // ------------------------------------------------------------------------------------------------ pixels

    @Override
    public int[] decodeFrame(DicomHeader h, int frame) throws DicomException {
        Path file = h.file();
        String f = DicomException.name(file);
        String ts = h.transferSyntaxUid();
        if (frame < 0 || frame >= h.numberOfFrames()) {
            throw new IllegalArgumentException(f + ": frame " + frame + " out of range 0.." + (h.numberOfFrames() - 1));
        }
        if (TransferSyntaxes.isJpegLs(ts)) {
            return decodeJpegLs(h, frame);
        }
        if (!canDecode(ts)) {
            throw new DicomException(file, f + ": transfer syntax " + TransferSyntaxes.describe(ts) + " is not supported: "
                    + "convert the series to an uncompressed transfer syntax first (e.g. 'gdcmconv --raw in.dcm out.dcm')");
        }
        if (h.samplesPerPixel() != 1) {
            throw new DicomException(file, f + ": colour images are not supported (Samples per Pixel " + h.samplesPerPixel()
                    + ", " + h.photometricInterpretation() + "); a CT must be grey-scale");
        }
        if (h.bitsAllocated() != 8 && h.bitsAllocated() != 16) {
            throw new DicomException(file, f + ": Bits Allocated " + h.bitsAllocated() + " is not supported (only 8 and 16)");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new DicomException(file, f + ": cannot read the file: " + e.getMessage(), e);
        }
        int perFrame = h.rows() * h.columns();
        long expectedValues = (long) perFrame * h.numberOfFrames();
        long expectedBytes = expectedValues * (h.bitsAllocated() / 8);
        String shape = h.columns() + "×" + h.rows() + (h.numberOfFrames() > 1 ? "×" + h.numberOfFrames() + " frames" : "")
                + "×" + h.bitsAllocated() + " bit";
        Reading r;
        try {
            r = read(file, size, false);
        } catch (DicomException e) {
            if (String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("no reader for")) {
                throw new DicomException(file, f + ": transfer syntax " + TransferSyntaxes.describe(ts)
                        + " is not supported: no image decoder is installed for it (" + e.getCause().getMessage() + ")", e);
            }
            throw e;
        }
        if (r.zeroTagOffset >= 0) {
            throw new DicomException(file, f + ": the data set is damaged: zero bytes instead of a data element at byte " + r.zeroTagOffset);
        }
        Attribute px = r.list.get(PIXEL_DATA);
        TransferSyntax syntax = new TransferSyntax(ts);
        if (r.pixelDataOffset < 0) {
            throw new DicomException(file, f + ": file ends before the pixel data (truncated?)");
        }
        if (px == null) { // PixelMed logs and drops an element it cannot read completely
            long available = size - r.pixelDataOffset - (syntax.isExplicitVR() ? 8 : 4);
            throw new DicomException(file, f + ": pixel data is " + Math.max(0, available) + " bytes, expected "
                    + (syntax.isEncapsulated() ? "more (compressed fragments cut off)" : expectedBytes + " for " + shape)
                    + " (file truncated?)");
        }
        if (syntax.isNotEncapsulated() && !syntax.isDeflated()) {
            // the value starts 4 (implicit VR) or 8 (explicit VR OB/OW) bytes after the tag
            long available = size - r.pixelDataOffset - (syntax.isExplicitVR() ? 8 : 4);
            if (available < expectedBytes) {
                throw new DicomException(file, f + ": pixel data is " + Math.max(0, available) + " bytes, expected " + expectedBytes
                        + " for " + shape + " (file truncated?)");
            }
        }
        int[] out = new int[perFrame];
        int mask = h.bitsStored() >= 32 ? -1 : (1 << h.bitsStored()) - 1;
        int signBit = 1 << (h.bitsStored() - 1);
        boolean signed = h.pixelRepresentation() == 1;
        long from = (long) frame * perFrame;
        try {
            boolean bytes = px instanceof OtherByteAttribute || "OB".equals(new String(px.getVR()));
            if (bytes) {
                byte[] b = px.getByteValues();
                long needed = expectedValues * (h.bitsAllocated() / 8);
                if (b == null || b.length < needed) {
                    throw new DicomException(file, f + ": pixel data is " + (b == null ? 0 : b.length) + " bytes, expected "
                            + needed + " for " + shape + (syntax.isEncapsulated() ? " (decoder returned too little)" : " (file truncated?)"));
                }
                if (h.bitsAllocated() == 8) {
                    for (int i = 0; i < perFrame; i++) {
                        out[i] = stored(b[(int) (from + i)] & 0xFF, mask, signBit, signed);
                    }
                } else {
                    boolean big = syntax.isBigEndian();
                    for (int i = 0; i < perFrame; i++) {
                        int p = (int) (2 * (from + i));
                        int raw = big ? (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF) : (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
                        out[i] = stored(raw, mask, signBit, signed);
                    }
                }
            } else {
                short[] s = px.getShortValues();
                long needed = h.bitsAllocated() == 8 ? (expectedValues + 1) / 2 : expectedValues;
                if (s == null || s.length < needed) {
                    throw new DicomException(file, f + ": pixel data is " + (s == null ? 0 : 2L * s.length) + " bytes, expected "
                            + needed * 2 + " for " + shape + (syntax.isEncapsulated() ? " (decoder returned too little)" : " (file truncated?)"));
                }
                if (h.bitsAllocated() == 8) { // 8-bit pixels packed two to a word, little endian order
                    for (int i = 0; i < perFrame; i++) {
                        long k = from + i;
                        int w = s[(int) (k >> 1)] & 0xFFFF;
                        out[i] = stored((k & 1) == 0 ? w & 0xFF : w >>> 8, mask, signBit, signed);
                    }
                } else {
                    for (int i = 0; i < perFrame; i++) {
                        out[i] = stored(s[(int) (from + i)] & 0xFFFF, mask, signBit, signed);
                    }
                }
            }
        } catch (com.pixelmed.dicom.DicomException e) {
            throw new DicomException(file, f + ": cannot get the pixel values: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Decodes a JPEG-LS frame with {@link JpegLsDecoder}: PixelMed (which has no JPEG-LS reader) only finds the
     * Pixel Data element; the encapsulated fragments (PS3.5 §A.4) are read here.
     */
    private int[] decodeJpegLs(DicomHeader h, int frame) throws DicomException {
        Path file = h.file();
        String f = DicomException.name(file);
        String what = "transfer syntax " + TransferSyntaxes.describe(h.transferSyntaxUid());
        if (h.samplesPerPixel() != 1) {
            throw new DicomException(file, f + ": " + what + " is supported for grey-scale images only (Samples per Pixel "
                    + h.samplesPerPixel() + ")");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new DicomException(file, f + ": cannot read the file: " + e.getMessage(), e);
        }
        Reading r = read(file, size, true);
        if (r.pixelDataOffset < 0) {
            throw new DicomException(file, f + ": file ends before the pixel data (truncated?)");
        }
        java.util.List<byte[]> fragments = new java.util.ArrayList<>();
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE, size - r.pixelDataOffset));
            ch.position(r.pixelDataOffset);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // read all
            }
            buf.flip().order(java.nio.ByteOrder.LITTLE_ENDIAN);
            // after the tag: VR "OB", 2 reserved bytes, length 0xFFFFFFFF (undefined), then items
            if (buf.remaining() < 8 || buf.getInt(4) != -1) {
                throw new DicomException(file, f + ": " + what + " but the pixel data are not encapsulated");
            }
            buf.position(8);
            while (true) {
                if (buf.remaining() < 8) {
                    throw new DicomException(file, f + ": file ends inside the compressed pixel data (truncated?)");
                }
                int group = buf.getShort() & 0xFFFF, element = buf.getShort() & 0xFFFF;
                long length = buf.getInt() & 0xFFFFFFFFL;
                if (group == 0xFFFE && element == 0xE0DD) {
                    break;
                }
                if (group != 0xFFFE || element != 0xE000 || length > buf.remaining()) {
                    throw new DicomException(file, f + ": the compressed pixel data are damaged or cut off (item ("
                            + Integer.toHexString(group) + "," + Integer.toHexString(element) + ") of " + length + " bytes)");
                }
                byte[] item = new byte[(int) length];
                buf.get(item);
                fragments.add(item);
            }
        } catch (IOException e) {
            throw new DicomException(file, f + ": cannot read the file: " + e.getMessage(), e);
        }
        if (fragments.size() < 2) {
            throw new DicomException(file, f + ": " + what + " but the pixel data hold no compressed frame");
        }
        java.util.List<byte[]> data = fragments.subList(1, fragments.size()); // item 0: basic offset table
        byte[] stream;
        if (h.numberOfFrames() == 1) {
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            data.forEach(all::writeBytes);
            stream = all.toByteArray();
        } else if (data.size() == h.numberOfFrames()) {
            stream = data.get(frame);
        } else {
            throw new DicomException(file, f + ": multi-frame " + what + " with fragmented frames is not supported");
        }
        JpegLsDecoder.Image img;
        try {
            img = JpegLsDecoder.decode(stream);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new DicomException(file, f + ": cannot decode the " + what + " pixel data: " + e.getMessage(), e);
        }
        if (img.width() != h.columns() || img.height() != h.rows()) {
            throw new DicomException(file, f + ": the JPEG-LS image is " + img.width() + "×" + img.height()
                    + " but the header says " + h.columns() + "×" + h.rows());
        }
        int[] s = img.samples();
        int mask = h.bitsStored() >= 32 ? -1 : (1 << h.bitsStored()) - 1;
        int signBit = 1 << (h.bitsStored() - 1);
        boolean signed = h.pixelRepresentation() == 1;
        for (int i = 0; i < s.length; i++) {
            s[i] = stored(s[i], mask, signBit, signed);
        }
        return s;
    }

    /** Masks a raw value to Bits Stored and sign-extends it when signed (PS3.5 §8.1.1, High Bit = Bits Stored − 1). */
    static int stored(int raw, int mask, int signBit, boolean signed) {
        int v = raw & mask;
        return signed && (v & signBit) != 0 ? v - (signBit << 1) : v;
    }
}
