package org.rehearse.segmentation.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DecimalStringAttribute;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.IntegerStringAttribute;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import com.pixelmed.dicom.UnsignedShortAttribute;
import org.rehearse.segmentation.Progress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Not a test: measures scan and load times (run by hand, see the report). Loads the folder given as first
 * argument (default: the aorta CTA), then writes a synthetic 300-slice 512×512 CT series (Explicit VR Little
 * Endian, made from one real slice's header) into a temporary folder and times scanning and loading it.
 * Usage: java -cp ... org.rehearse.segmentation.dicom.DicomLoadTiming [folder] [repeats]
 */
public final class DicomLoadTiming {
    private DicomLoadTiming() { }

    /**
     * @param args [folder to load (default the aorta CTA)] [repeats (default 3)]
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        Path aorta = Paths.get(args.length > 0 ? args[0] : "/work/shared/data/aorta-cta/dicom");
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        for (int r = 0; r < repeats; r++) {
            time("aorta-cta", aorta);
        }
        Path tmp = Files.createTempDirectory("rehearse-timing");
        try {
            long t0 = System.nanoTime();
            synthesise(aorta.resolve("IM0001.dcm"), tmp, 300, 512);
            System.out.printf("wrote 300 slices 512x512 in %.2f s%n", (System.nanoTime() - t0) / 1e9);
            for (int r = 0; r < repeats; r++) {
                time("synthetic 300x512x512", tmp);
            }
        } finally {
            try (var s = Files.list(tmp)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(tmp);
        }
    }

    private static void time(String name, Path folder) throws Exception {
        long t0 = System.nanoTime();
        DicomScanResult scan = new DicomFolderScanner().scan(folder, Progress.NONE);
        long t1 = System.nanoTime();
        LoadedSeries loaded = new SeriesLoader().load(scan.defaultSeries().orElseThrow().series(), Progress.NONE);
        long t2 = System.nanoTime();
        System.out.printf("%s: scan %.3f s, load %.3f s (%s), warnings %s%n", name, (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                loaded.volume().geometry(), loaded.warnings());
    }

    private static void synthesise(Path template, Path dir, int slices, int size) throws Exception {
        AttributeList base = new AttributeList();
        base.read(template.toFile());
        base.removeGroupLengthAttributes();
        base.removeMetaInformationHeaderAttributes();
        String series = "2.25.1" + System.nanoTime();
        short[] pixels = new short[size * size];
        for (int k = 0; k < slices; k++) {
            for (int j = 0; j < size; j++) {
                for (int i = 0; i < size; i++) {
                    double r = Math.hypot(i - size / 2.0, j - size / 2.0);
                    pixels[i + size * j] = (short) (r > size * 0.45 ? 24 : r < 20 + k % 30 ? 1500 : 1064);
                }
            }
            AttributeList l = (AttributeList) base.clone();
            put(l, new UniqueIdentifierAttribute(TagFromName.SeriesInstanceUID), series);
            put(l, new UniqueIdentifierAttribute(TagFromName.SOPInstanceUID), series + "." + (k + 1));
            put(l, new IntegerStringAttribute(TagFromName.InstanceNumber), String.valueOf(k + 1));
            put(l, new UnsignedShortAttribute(TagFromName.Rows), String.valueOf(size));
            put(l, new UnsignedShortAttribute(TagFromName.Columns), String.valueOf(size));
            put(l, new DecimalStringAttribute(TagFromName.PixelSpacing), "0.7", "0.7");
            put(l, new DecimalStringAttribute(TagFromName.ImagePositionPatient), "-180", "-180", String.valueOf(k * 1.0));
            OtherWordAttribute px = new OtherWordAttribute(TagFromName.PixelData);
            px.setValues(pixels.clone());
            l.put(px);
            FileMetaInformation.addFileMetaInformation(l, TransferSyntax.ExplicitVRLittleEndian, "REHEARSE");
            l.write(dir.resolve(String.format("S%04d.dcm", k + 1)).toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
        }
    }

    private static void put(AttributeList l, Attribute a, String... values) throws Exception {
        for (String v : values) {
            a.addValue(v);
        }
        l.put(a);
    }
}
