package org.rehearse.segmentation.dicom;

import java.nio.file.Path;

/**
 * The project's own small interface to a DICOM library, so that the library (PixelMed today, see
 * {@link PixelMedCodec}) can be replaced (e.g. by dcm4che) without touching the scanner or the loader.
 * Implementations must be safe to call from several threads at once.
 */
public interface DicomCodec {

    /**
     * Reads the header of one file, stopping at Pixel Data (7FE0,0010) so that the pixel data are neither read
     * nor decoded (DICOM PS3.5 §7.1: data elements are in ascending tag order, Pixel Data comes last in images).
     *
     * @param file a DICOM Part 10 file (with or without the 128-byte preamble and "DICM")
     * @return the header; never null
     * @throws DicomException naming the file when it is missing, unreadable, not DICOM, truncated or damaged, has
     *                        no pixel data, or lacks a mandatory image or geometry attribute (the message names the tag)
     */
    DicomHeader readHeader(Path file) throws DicomException;

    /**
     * Decodes the stored pixel values of one frame.
     *
     * @param header the header of the file, as returned by {@link #readHeader(Path)}
     * @param frame  0-based frame index, {@code 0 <= frame < header.numberOfFrames()}
     * @return stored values of a grey-scale frame, length rows·columns, layout {@code column + columns·row}. Values
     *         are the stored values of PS3.5 §8.1.1: masked to Bits Stored and sign-extended when Pixel
     *         Representation is 1 (two's complement; High Bit = Bits Stored − 1 assumed), ready for the Modality LUT
     *         (Rescale Slope/Intercept, PS3.3 C.11.1).
     * @throws DicomException naming the file when the pixel data are missing, truncated, of the wrong length, or
     *                        encoded with a transfer syntax that cannot be decoded (the message names it), or the
     *                        image is in colour (Samples per Pixel ≠ 1) or has Bits Allocated other than 8 or 16
     */
    int[] decodeFrame(DicomHeader header, int frame) throws DicomException;

    /**
     * @param transferSyntaxUid a transfer syntax UID (PS3.6 Annex A)
     * @return true when {@link #decodeFrame} can decode pixel data in this transfer syntax
     */
    boolean canDecode(String transferSyntaxUid);
}
