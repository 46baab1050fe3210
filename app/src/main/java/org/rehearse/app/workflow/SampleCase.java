package org.rehearse.app.workflow;

import java.nio.file.Path;

/**
 * The bundled sample case.
 *
 * @param dicomDir  folder with its DICOM series
 * @param seriesUid the series to load, or null to take the first series {@link CaseService#scanFolder} lists
 * @param seedLps   a seed inside the aorta, LPS mm
 */
public record SampleCase(Path dicomDir, String seriesUid, double[] seedLps) {
}
