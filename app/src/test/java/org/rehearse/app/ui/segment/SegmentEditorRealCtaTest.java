package org.rehearse.app.ui.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rehearse.app.workflow.DefaultCaseService;
import org.rehearse.app.workflow.LoadedImage;
import org.rehearse.rendering.FxThread;
import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.edit.LabelInfo;
import org.rehearse.segmentation.edit.SliceOrientation;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.nifti.NiftiLabelIo;
import org.rehearse.segmentation.segment.AortaLabel;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The segment editor on the real CT angiogram of the shared data (skipped when absent): one click of the Aorta tool
 * at the README's point in the descending aorta, compared with TotalSegmentator's aorta label (Dice), and the
 * import of two TotalSegmentator masks as labels, and the aorta found without a click. Writes screenshots to
 * {@code target/segment-editor-real.png} and {@code target/segment-editor-automatic.png}.
 */
@ExtendWith(ApplicationExtension.class)
class SegmentEditorRealCtaTest {
    static {
        System.setProperty("testfx.robot", "glass");
    }

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(60, TimeUnit.SECONDS);
    }

    /** @return the shared real CTA folder, or skips the test when the shared data are absent */
    private static Path realCta() {
        String base = System.getProperty("rehearse.shared.data");
        assumeTrue(base != null && Files.isDirectory(Path.of(base, "aorta-cta", "dicom")), "real CTA absent");
        return Path.of(base, "aorta-cta");
    }

    private static LoadedImage load(Path cta, Path dir) throws Exception {
        DefaultCaseService service = new DefaultCaseService(dir.resolve("cache"));
        Path dicom = cta.resolve("dicom");
        return service.loadSeries(dicom, service.scanFolder(dicom, Progress.NONE).get(0).uid(), Progress.NONE);
    }

    private SegmentEditorPane open(LoadedImage img) throws Exception {
        return fx(() -> {
            SegmentEditorPane p = new SegmentEditorPane(img.volume(), null, null);
            stage.setScene(new Scene(p, 1600, 1000));
            stage.show();
            return p;
        });
    }

    /** Dice of one label value of the editor's map against TotalSegmentator's aorta label. */
    private static double dice(LabelMap got, int value, Path cta) throws Exception {
        LabelMap ts = NiftiLabelIo.read(cta.resolve("labels/aorta.nii.gz"));
        long inter = 0, a = 0, b = 0;
        for (int n = 0; n < got.labels().length; n++) {
            boolean x = got.labels()[n] == value, y = ts.labels()[n] != 0;
            a += x ? 1 : 0;
            b += y ? 1 : 0;
            inter += x && y ? 1 : 0;
        }
        return 2.0 * inter / (a + b);
    }

    /** Each arch branch has a label of its name holding more than 100 voxels. */
    private static void assertBranchesLabelled(SegmentEditorPane pane) throws Exception {
        for (AortaLabel branch : new AortaLabel[] {AortaLabel.BRACHIOCEPHALIC_TRUNK, AortaLabel.LEFT_COMMON_CAROTID,
            AortaLabel.LEFT_SUBCLAVIAN}) {
            LabelInfo l = fx(() -> pane.segmentation().label(branch.displayName())).orElseThrow();
            assertTrue(fx(() -> pane.segmentation().count(l.value())) > 100, branch.displayName() + " labelled");
        }
    }

    @Test
    void oneClickAortaAndTotalSegmentatorImport(@TempDir Path dir) throws Exception {
        Path cta = realCta();
        LoadedImage img = load(cta, dir);
        SegmentEditorPane pane = open(img);
        double[] seed = {-2.7, -146.2, 577.7};
        fx(() -> {
            pane.automaticAorta(seed);
            return null;
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> !pane.busyProperty().get()));
        LabelMap got = fx(() -> pane.segmentation().labelMap().copy());
        double dice = dice(got, 1, cta);
        System.out.printf(Locale.ROOT, "segment editor, real CTA: one-click aorta %d voxels, Dice %.3f%n",
                fx(() -> pane.segmentation().count(1)), dice);
        assertTrue(dice >= 0.90, "one click should give the aorta (measured 0.923), got " + dice);
        assertEquals(1, (int) fx(() -> pane.segmentation().undoStack().undoSize()), "one click, one undo step");
        assertBranchesLabelled(pane);

        // import two TotalSegmentator masks; the aorta one gets a distinct name
        for (String f : new String[] {"aorta.nii.gz", "brachiocephalic_trunk.nii.gz"}) {
            fx(() -> {
                pane.importLabels(cta.resolve("labels").resolve(f));
                return null;
            });
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> !pane.busyProperty().get()));
        }
        LabelInfo imported = fx(() -> pane.segmentation().label("aorta (imported)")).orElseThrow();
        LabelInfo bct = fx(() -> pane.segmentation().label("brachiocephalic_trunk")).orElseThrow();
        LabelMap bctFile = NiftiLabelIo.read(cta.resolve("labels/brachiocephalic_trunk.nii.gz"));
        assertEquals(bctFile.countNonZero(), (long) fx(() -> pane.segmentation().count(bct.value())));
        assertTrue(fx(() -> pane.segmentation().count(imported.value())) > 0);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> !pane.surfacesPending()));
        WaitForAsyncUtils.waitForFxEvents();
        Path shot = Path.of("target", "segment-editor-real.png");
        fx(() -> {
            FxThread.writePng(stage.getScene().snapshot(null), shot);
            return null;
        });
    }

    @Test
    void findAortaWithoutAClickSegmentsTheAortaAndItsBranchesAsOneUndoStep(FxRobot robot, @TempDir Path dir) throws Exception {
        Path cta = realCta();
        LoadedImage img = load(cta, dir);
        SegmentEditorPane pane = open(img);
        Button find = robot.lookup("#findAorta").queryAs(Button.class);
        fx(() -> {
            find.fire();
            return null;
        });
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> fx(() -> !pane.busyProperty().get()));
        LabelInfo aorta = fx(() -> pane.segmentation().label(AortaLabel.AORTA.displayName())).orElseThrow();
        LabelMap got = fx(() -> pane.segmentation().labelMap().copy());
        double dice = dice(got, aorta.value(), cta);
        System.out.printf(Locale.ROOT, "segment editor, real CTA: aorta found without a click, Dice %.3f; %s%n", dice,
                fx(pane::statusText));
        assertTrue(dice >= 0.88, "automatic aorta (measured 0.896), got " + dice);
        assertBranchesLabelled(pane);
        assertEquals(1, (int) fx(() -> pane.segmentation().undoStack().undoSize()), "no click, one undo step");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> !pane.surfacesPending()));
        WaitForAsyncUtils.waitForFxEvents();
        fx(() -> {
            FxThread.writePng(stage.getScene().snapshot(null), Path.of("target", "segment-editor-automatic.png"));
            return null;
        });
        double[] cursor = fx(() -> pane.sliceView(SliceOrientation.AXIAL).getCursorLps());
        double[] ijk = img.volume().geometry().lpsToIndex(cursor, null);
        assertEquals(aorta.value(), got.get((int) Math.round(ijk[0]), (int) Math.round(ijk[1]), (int) Math.round(ijk[2])),
                "the cursor shows where the aorta was found");
        fx(() -> {
            pane.undo();
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> !pane.busyProperty().get()));
        assertEquals(0L, (long) fx(() -> pane.segmentation().count(aorta.value())), "one undo removes it");
    }
}
