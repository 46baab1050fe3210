package org.rehearse.sampledata;

import java.util.List;
import java.util.Map;

import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.image.Volume;

/**
 * A generated coarctation phantom: the CT image and its ground truth. All positions are DICOM LPS millimetres.
 *
 * @param spec                the parameters it was generated from
 * @param volume              the CT angiography image in HU (blurred and noisy)
 * @param truthLumen          the truth lumen mask (label 1 = voxel centre inside the aorta or a branch lumen)
 * @param centerline          the aorta's truth centerline from the aortic root to the bottom of the image, in
 *                            0.5 mm steps, with the lumen radius (stenosis included)
 * @param branches            truth centerlines of the arch branches by name ("brachiocephalic",
 *                            "left_common_carotid", "left_subclavian"), from their origin on the aortic centerline
 *                            to the top of the image
 * @param seedLpsMm           a point in the lumen of the descending aorta, well below the narrowing
 * @param minDiameterMm       truth minimal lumen diameter at the throat, mm
 * @param referenceDiameterMm truth diameter of the neighbouring descending lumen, mm
 * @param stenosisPercent     100·(1 − minimal / reference)
 * @param throatLpsMm         centerline position of the minimal diameter
 */
public record Phantom(PhantomSpec spec, Volume volume, LabelMap truthLumen, List<CenterlinePoint> centerline,
                      Map<String, List<CenterlinePoint>> branches, double[] seedLpsMm, double minDiameterMm,
                      double referenceDiameterMm, double stenosisPercent, double[] throatLpsMm) {
}
