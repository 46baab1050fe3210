package org.rehearse.segmentation.dicom;

import java.util.Map;

/** Names of the common transfer syntaxes (DICOM PS3.6 Annex A), for messages. */
public final class TransferSyntaxes {
    /** Implicit VR Little Endian. */
    public static final String IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2";
    /** Explicit VR Little Endian. */
    public static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
    /** Deflated Explicit VR Little Endian. */
    public static final String DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1.99";
    /** Explicit VR Big Endian (retired). */
    public static final String EXPLICIT_VR_BIG_ENDIAN = "1.2.840.10008.1.2.2";
    /** JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14, Selection Value 1). */
    public static final String JPEG_LOSSLESS_SV1 = "1.2.840.10008.1.2.4.70";
    /** JPEG Lossless, Non-Hierarchical (Process 14). */
    public static final String JPEG_LOSSLESS = "1.2.840.10008.1.2.4.57";
    /** JPEG-LS Lossless. */
    public static final String JPEG_LS_LOSSLESS = "1.2.840.10008.1.2.4.80";
    /** JPEG-LS Lossy (Near-Lossless). */
    public static final String JPEG_LS_NEAR_LOSSLESS = "1.2.840.10008.1.2.4.81";
    /** JPEG 2000 Image Compression (Lossless Only). */
    public static final String JPEG_2000_LOSSLESS = "1.2.840.10008.1.2.4.90";
    /** JPEG 2000 Image Compression. */
    public static final String JPEG_2000 = "1.2.840.10008.1.2.4.91";
    /** RLE Lossless. */
    public static final String RLE_LOSSLESS = "1.2.840.10008.1.2.5";

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry(IMPLICIT_VR_LITTLE_ENDIAN, "Implicit VR Little Endian"),
            Map.entry(EXPLICIT_VR_LITTLE_ENDIAN, "Explicit VR Little Endian"),
            Map.entry(DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, "Deflated Explicit VR Little Endian"),
            Map.entry(EXPLICIT_VR_BIG_ENDIAN, "Explicit VR Big Endian"),
            Map.entry("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)"),
            Map.entry("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)"),
            Map.entry(JPEG_LOSSLESS, "JPEG Lossless (Process 14)"),
            Map.entry(JPEG_LOSSLESS_SV1, "JPEG Lossless (Process 14, SV1)"),
            Map.entry(JPEG_LS_LOSSLESS, "JPEG-LS Lossless"),
            Map.entry(JPEG_LS_NEAR_LOSSLESS, "JPEG-LS Near-Lossless"),
            Map.entry(JPEG_2000_LOSSLESS, "JPEG 2000 Lossless"),
            Map.entry(JPEG_2000, "JPEG 2000"),
            Map.entry("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component Lossless"),
            Map.entry("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component"),
            Map.entry("1.2.840.10008.1.2.4.100", "MPEG2"),
            Map.entry("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264"),
            Map.entry(RLE_LOSSLESS, "RLE Lossless"));

    private TransferSyntaxes() { }

    /**
     * @param uid a transfer syntax UID
     * @return e.g. "JPEG-LS Lossless (1.2.840.10008.1.2.4.80)", or "an unknown transfer syntax (uid)"
     */
    public static String describe(String uid) {
        String n = NAMES.get(uid);
        return (n == null ? "an unknown transfer syntax" : n) + " (" + uid + ")";
    }

    /** @param uid a transfer syntax UID @return true for JPEG-LS lossless and near-lossless */
    public static boolean isJpegLs(String uid) {
        return JPEG_LS_LOSSLESS.equals(uid) || JPEG_LS_NEAR_LOSSLESS.equals(uid);
    }
}
