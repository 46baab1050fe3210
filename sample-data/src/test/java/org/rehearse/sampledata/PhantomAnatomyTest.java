package org.rehearse.sampledata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PhantomAnatomyTest {
    private final PhantomAnatomy anatomy = new PhantomAnatomy(0.65);

    @Test
    void vesselDiametersAreThoseOfAnAdolescent() {
        PhantomAnatomy.Tube a = anatomy.aorta;
        double ascending = 0, arch = 0;
        for (int n = 0; n < a.size(); n++) {
            if (a.z[n] > 0 && a.z[n] < 20 && a.y[n] < 0) {
                ascending = 2 * a.r[n];
            }
            if (a.z[n] == max(a.z)) {
                arch = 2 * a.r[n];
            }
        }
        assertEquals(24, ascending, 1.0, "ascending aorta");
        assertEquals(20, arch, 1.0, "top of the arch");
        assertEquals(18, 2 * anatomy.referenceRadiusMm, 0.5, "descending aorta next to the narrowing");
        assertEquals(11, 2 * anatomy.branches.get("brachiocephalic").r[0], 1.0);
        assertEquals(7, 2 * anatomy.branches.get("left_common_carotid").r[0], 0.5);
        assertEquals(8.5, 2 * anatomy.branches.get("left_subclavian").r[0], 0.5);
        // every branch reaches the top of the image, the aorta its bottom
        for (PhantomAnatomy.Tube b : anatomy.branches.values()) {
            assertTrue(max(b.z) > PhantomSpec.FIELD_OF_VIEW_MM[2] / 2, b.name + " ends below the top of the image");
        }
        assertTrue(a.z[a.size() - 1] < -PhantomSpec.FIELD_OF_VIEW_MM[2] / 2);
    }

    @Test
    void fatSeparatesTheDescendingAortaFromTheSpine() {
        PhantomAnatomy.Tube a = anatomy.aorta;
        int checked = 0;
        for (int n = anatomy.throatIndex + 20; n < a.size(); n += 20) {
            double z = a.z[n];
            if (z < -150) {
                break;
            }
            // walk from the aortic centre towards the centre of the vertebral body
            double dx = 0 - a.x[n], dy = PhantomAnatomy.VB_CY - a.y[n], len = Math.hypot(dx, dy);
            double lastVessel = -1, firstBone = -1, fat = 0, step = 0.05;
            for (double s = 0; s <= len; s += step) {
                double x = a.x[n] + dx * s / len, y = a.y[n] + dy * s / len;
                double sdf = anatomy.vesselSdf(x, y, z);
                double hu = PhantomAnatomy.tissue(x, y, z, sdf);
                if (sdf < PhantomAnatomy.VESSEL_WALL_MM) {
                    lastVessel = s;
                } else if (hu >= PhantomAnatomy.HU_DISC) {
                    firstBone = s;
                    break;
                } else if (hu == PhantomAnatomy.HU_FAT) {
                    fat += step;
                }
            }
            assertTrue(firstBone > lastVessel && lastVessel > 0, "no spine behind the aorta at z = " + z);
            assertTrue(fat >= 3, "only " + fat + " mm of fat between aorta and spine at z = " + z);
            checked++;
        }
        assertTrue(checked > 10);
    }

    @Test
    void heartBloodPoolsKeepAWallFromTheAorticRoot() {
        // sample the region around the aortic root: every heart blood voxel is ≥ 3 mm from any lumen
        double minGap = Double.MAX_VALUE;
        for (double x = -40; x <= 40; x += 1.5) {
            for (double y = -70; y <= 0; y += 1.5) {
                for (double z = -80; z <= -30; z += 1.5) {
                    double sdf = anatomy.vesselSdf(x, y, z);
                    double hu = PhantomAnatomy.tissue(x, y, z, sdf);
                    if (sdf >= 0 && (hu == PhantomAnatomy.HU_BLOOD || hu == PhantomAnatomy.HU_RIGHT_HEART)) {
                        minGap = Math.min(minGap, sdf);
                    }
                }
            }
        }
        assertTrue(minGap >= PhantomAnatomy.VALVE_WALL_MM && minGap < 10, "closest heart blood to a lumen: " + minGap + " mm");
    }

    private static double max(double[] v) {
        double m = -Double.MAX_VALUE;
        for (double d : v) {
            m = Math.max(m, d);
        }
        return m;
    }
}
