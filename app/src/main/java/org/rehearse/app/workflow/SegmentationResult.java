package org.rehearse.app.workflow;

import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.mesh.SurfaceMesh;

/**
 * The segmented aorta.
 *
 * @param mask    label map on the volume's grid (label 1 = aortic lumen)
 * @param surface its surface in LPS mm (outward counter-clockwise triangles)
 * @param summary one or two lines for the user (volume in mL, number of triangles, …)
 */
public record SegmentationResult(LabelMap mask, SurfaceMesh surface, String summary) {
}
