package org.rehearse.segmentation.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TransferSyntax;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Test helpers: the shared real data folder, and rewriting real files with changes (test only). */
final class DicomTestData {
    private DicomTestData() { }

    /** @return the folder {@code rehearse.shared.data}/name; skips the test when it is absent. */
    static Path shared(String name) {
        String root = System.getProperty("rehearse.shared.data");
        assumeTrue(root != null && !root.isBlank(), "system property rehearse.shared.data not set");
        Path p = Paths.get(root, name);
        assumeTrue(Files.exists(p), "shared data " + p + " absent");
        return p;
    }

    /** @return the aorta CTA DICOM folder (skips when absent). */
    static Path aorta() {
        return shared("aorta-cta/dicom");
    }

    /**
     * Reads a real file completely with PixelMed, lets {@code change} modify its attributes, and writes it as
     * Explicit VR Little Endian with meta information to {@code dst}.
     */
    static Path rewrite(Path src, Path dst, Consumer<AttributeList> change) throws Exception {
        AttributeList l = new AttributeList();
        l.read(src.toFile());
        change.accept(l);
        l.removeGroupLengthAttributes();
        l.removeMetaInformationHeaderAttributes();
        com.pixelmed.dicom.FileMetaInformation.addFileMetaInformation(l, TransferSyntax.ExplicitVRLittleEndian, "REHEARSE");
        l.write(dst.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
        return dst;
    }

    /** Copies the first {@code bytes} bytes of {@code src} to {@code dst}. */
    static Path cut(Path src, Path dst, int bytes) throws IOException {
        byte[] b = Files.readAllBytes(src);
        byte[] c = new byte[Math.min(bytes, b.length)];
        System.arraycopy(b, 0, c, 0, c.length);
        return Files.write(dst, c);
    }
}
