package org.rehearse.app.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.rehearse.app.workflow.CaseService;

/**
 * The Rehearse workstation as a JavaFX application: one window titled "Rehearse" (1600 × 1000) holding a
 * {@link Workstation}. Start it with {@link #launch(CaseService, String[])}; the argument {@value #SAMPLE_OPTION}
 * opens the bundled sample case on start (load, segment from its seed, show the 3D surface).
 */
public class WorkstationApp extends Application {
    /** Command-line option: start on the sample case. */
    public static final String SAMPLE_OPTION = "--sample";
    /** {@code --dicom=DIR}: open this DICOM folder on start (instead of the sample case). */
    public static final String DICOM_OPTION = "--dicom=";
    /** {@code --seed=x,y,z}: with {@link #DICOM_OPTION}, segment from this seed (LPS mm) once the series is loaded. */
    public static final String SEED_OPTION = "--seed=";
    /** {@code --compare}: once the aorta is segmented, simulate the candidate repairs and show the comparison. */
    public static final String COMPARE_OPTION = "--compare";
    private static volatile CaseService service;

    private Workstation workstation;

    /**
     * Launches the application and blocks until its window is closed (JavaFX {@link Application#launch}); may be
     * called once per JVM.
     *
     * @param caseService the case steps
     * @param args        application arguments; {@value #SAMPLE_OPTION} opens the sample case on start
     */
    public static void launch(CaseService caseService, String[] args) {
        service = Objects.requireNonNull(caseService, "case service");
        Application.launch(WorkstationApp.class, args);
    }

    /**
     * Puts a new workstation into a stage (title, size, scene) and shows it; for {@link #start} and for tests.
     *
     * @return the workstation
     */
    public static Workstation showIn(Stage stage, CaseService caseService) {
        Workstation w = new Workstation(caseService);
        Scene scene = new Scene(w, 1600, 1000);
        stage.setTitle("Rehearse");
        stage.setScene(scene);
        stage.setOnHidden(e -> w.shutdown());
        stage.show();
        return w;
    }

    @Override
    public void start(Stage stage) {
        if (service == null) {
            throw new IllegalStateException("start the workstation with WorkstationApp.launch(CaseService, args)");
        }
        workstation = showIn(stage, service);
        workstation.setOnExit(Platform::exit);
        workstation.setAutosaveRoot(Path.of(System.getProperty("user.home"), ".rehearse", "autosave"));
        List<String> args = getParameters().getRaw();
        if (args.contains(COMPARE_OPTION)) {
            workstation.segmentationProperty().addListener((obs, old, seg) -> {
                if (seg != null && workstation.comparisonProperty().get() == null) {
                    workstation.compareRepairs();
                }
            });
        }
        String dicom = option(args, DICOM_OPTION);
        String seedText = option(args, SEED_OPTION);
        if (dicom != null) {
            double[] seed = seedText == null ? null : Workstation.parseSeed(seedText);
            workstation.openFolder(Path.of(dicom), seed == null ? null : () -> {
                workstation.setSeed(seed);
                workstation.segmentFromSeed(seed);
            });
        } else if (args.contains(SAMPLE_OPTION)) {
            workstation.openSampleCase();
        }
    }

    private static String option(List<String> args, String prefix) {
        for (String a : args) {
            if (a.startsWith(prefix)) {
                return a.substring(prefix.length());
            }
        }
        return null;
    }

    @Override
    public void stop() {
        if (workstation != null) {
            workstation.shutdown();
        }
    }
}
