package org.rehearse.sampledata;

/**
 * One point of a truth centerline: position in DICOM patient coordinates (LPS, mm) and the lumen radius there.
 *
 * @param x        LPS x (towards the patient's left) in mm
 * @param y        LPS y (posterior) in mm
 * @param z        LPS z (head) in mm
 * @param radiusMm lumen radius in mm (the tube's cross-section radius in the plane normal to the centerline)
 */
public record CenterlinePoint(double x, double y, double z, double radiusMm) {
    /** @return {x, y, z} in LPS mm */
    public double[] lpsMm() {
        return new double[] {x, y, z};
    }
}
