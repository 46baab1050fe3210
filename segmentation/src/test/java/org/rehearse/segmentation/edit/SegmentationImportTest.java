package org.rehearse.segmentation.edit;

import org.rehearse.segmentation.segment.AortaCtaData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rehearse.segmentation.image.ImageGeometry;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.image.Volume;
import org.rehearse.segmentation.nifti.NiftiLabelIo;
import org.rehearse.segmentation.nifti.NiftiFormatException;

class SegmentationImportTest {
    @TempDir
    Path tmp;

    @Test
    void labelListKeepsNamesColoursAndRejectsDuplicates() {
        Segmentation s = new Segmentation(EditFixtures.grid(4, 4, 4, 1, 1, 1));
        LabelInfo a = s.addLabel("aorta", 0xFF0000);
        LabelInfo b = s.addLabel("left subclavian artery", LabelInfo.defaultColour(2));
        assertEquals(1, a.value());
        assertEquals(2, b.value());
        assertEquals("#ff0000", a.hexColour());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.addLabel(new LabelInfo(1, "heart", 0)));
        assertTrue(e.getMessage().contains("already used by \"aorta\""), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LabelInfo(0, "x", 0));
        assertThrows(IllegalArgumentException.class, () -> new LabelInfo(3, " ", 0));
        assertThrows(IllegalArgumentException.class, () -> new LabelInfo(3, "x", 0x1000000));
        s.updateLabel(a.withColour(0x00FF00).withName("aorta (edited)"));
        assertEquals("aorta (edited)", s.label(1).orElseThrow().name());
        assertEquals(b, s.label("left subclavian artery").orElseThrow());
    }

    @Test
    void importsMaskAndMultiLabelFilesAndRejectsAnotherGridUnchanged() throws IOException {
        ImageGeometry g = EditFixtures.grid(20, 20, 10, 0.8, 0.8, 2);
        LabelMap file = new LabelMap(g);
        for (int i = 2; i < 8; i++) file.set(i, 5, 5, 1);
        for (int i = 10; i < 13; i++) file.set(i, 5, 5, 7);
        Path multi = tmp.resolve("slicer-labels.nii.gz");
        NiftiLabelIo.write(file, multi);

        Segmentation s = EditFixtures.segmentation(g);
        SegmentEditor ed = new SegmentEditor(s);
        ed.paintSphere(2, EditFixtures.lps(g, 11, 5, 5), 0.5); // heart voxel where file value 7 lies
        LabelInfo mask = s.importMask(multi, "all vessels", 0x123456, false);
        assertEquals(3, mask.value());
        assertEquals(6 + 3 - 1, s.count(3), "no overwrite: the heart voxel is kept");
        s.undo();
        assertEquals(0, s.count(3));

        List<LabelInfo> added = s.importLabelFile(multi, Map.of(1, "aorta copy"), true);
        assertEquals(2, added.size());
        assertEquals("aorta copy", added.get(0).name());
        assertEquals("Label 7", added.get(1).name());
        assertEquals(6, s.count(added.get(0).value()));
        assertEquals(3, s.count(added.get(1).value()));
        assertEquals(0, s.count(2), "overwrite: the heart voxel was replaced");

        // a file on another grid: clear message, nothing changed
        byte[] before = s.labelMap().labels().clone();
        List<LabelInfo> labelsBefore = s.labels();
        int undoBefore = s.undoStack().undoSize();
        ImageGeometry other = EditFixtures.grid(20, 20, 10, 0.8, 0.8, 2.5);
        Path wrong = tmp.resolve("other-grid.nii.gz");
        NiftiLabelIo.write(new LabelMap(other, file.labels().clone()), wrong);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.importMask(wrong, "x", 0, true));
        assertTrue(e.getMessage().contains(wrong.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("2.500") && e.getMessage().contains("2.000"), "names both grids: " + e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.importLabelFile(wrong, Map.of(), true));
        assertArrayEquals(before, s.labelMap().labels());
        assertEquals(labelsBefore, s.labels());
        assertEquals(undoBefore, s.undoStack().undoSize());

        Path empty = tmp.resolve("empty.nii");
        NiftiLabelIo.write(new LabelMap(g), empty);
        e = assertThrows(IllegalArgumentException.class, () -> s.importMask(empty, "x", 0, true));
        assertTrue(e.getMessage().contains("no foreground"), e.getMessage());
        Path notNifti = tmp.resolve("junk.nii");
        java.nio.file.Files.writeString(notNifti, "not a nifti file");
        assertThrows(NiftiFormatException.class, () -> s.importMask(notNifti, "x", 0, true));
        assertEquals(labelsBefore, s.labels());
    }

    @Test
    void importsTotalSegmentatorLabelsOfTheRealCta() throws IOException {
        Volume ct = AortaCtaData.ct();
        Segmentation s = new Segmentation(ct.geometry());
        String[] names = {"aorta", "brachiocephalic_trunk", "common_carotid_artery_left", "subclavian_artery_left"};
        for (String n : names) {
            LabelInfo l = s.importMask(AortaCtaData.labelPath(n), n.replace('_', ' '), LabelInfo.defaultColour(s.nextFreeValue()), false);
            long inFile = NiftiLabelIo.read(AortaCtaData.labelPath(n)).countNonZero();
            assertTrue(inFile > 0);
            assertTrue(s.count(l.value()) <= inFile && s.count(l.value()) > 0.9 * inFile, n + ": " + s.count(l.value()) + " of " + inFile);
        }
        assertEquals(4, s.labels().size());
        assertEquals(NiftiLabelIo.read(AortaCtaData.labelPath("aorta")).countNonZero(), s.count(1), "the first import is complete");
        // the TotalSegmentator aorta label is one piece
        assertEquals(1, new SegmentEditor(s, ct).islandSizes(1, Connectivity.TWENTY_SIX).length);
    }
}
