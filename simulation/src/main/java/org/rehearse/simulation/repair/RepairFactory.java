package org.rehearse.simulation.repair;

import java.util.List;
import java.util.Objects;

import org.rehearse.simulation.geometry.Lesion;

/**
 * Builds the default candidate repairs for a lesion. Every default aims at the lesion's reference diameter; the user
 * edits parameters afterwards with {@link Repair#withParameter(String, double)}.
 *
 * <p>Defaults (all clamped to lie within the vessel):
 * <ul>
 *   <li>native: no parameters;</li>
 *   <li>resection: the narrowed segment [start, end] of the lesion (at most {@value ResectionRepair#MAX_RESECTION_MM} mm
 *       about the throat when it is longer), anastomosis at the reference diameter, 5 mm shoulders;</li>
 *   <li>patch: from 5 mm before to 5 mm beyond the narrowed segment, to the reference diameter, 5 mm shoulders;</li>
 *   <li>stent: centred on the throat, length max(20 mm, narrowed length + 10 mm), nominal diameter = reference,
 *       95 % expansion;</li>
 *   <li>balloon: centred on the throat, length max(20 mm, narrowed length + 10 mm), diameter = reference,
 *       {@value BalloonRepair#DEFAULT_RECOIL_PERCENT} % recoil;</li>
 *   <li>extended_resection: the resection above with the arch underside opened from 20 mm before it;</li>
 *   <li>custom: from 5 mm before to 5 mm beyond the narrowed segment, all five control diameters at the
 *       reference.</li>
 * </ul>
 */
public final class RepairFactory {
    /** The repair kinds, in display order. */
    public static final List<String> KINDS = List.of("native", "resection", "extended_resection", "patch", "stent",
            "balloon", "custom");

    private RepairFactory() {
    }

    /** @return native, resection, patch, stent and balloon with default parameters for this lesion */
    public static List<Repair> defaults(Lesion lesion, VesselModel vessel) {
        return List.of(create("native", lesion, vessel), create("resection", lesion, vessel),
                create("patch", lesion, vessel), create("stent", lesion, vessel), create("balloon", lesion, vessel));
    }

    /**
     * @param kind one of {@link #KINDS}
     * @return that repair with default parameters for this lesion
     * @throws IllegalArgumentException for an unknown kind
     */
    public static Repair create(String kind, Lesion lesion, VesselModel vessel) {
        Objects.requireNonNull(lesion, "lesion");
        Objects.requireNonNull(vessel, "vessel");
        double len = vessel.lengthMm(), ref = lesion.referenceDiameterMm();
        double a = clamp(lesion.startArcLengthMm(), 0, len), b = clamp(lesion.endArcLengthMm(), 0, len);
        if (b - a < 1) {
            a = clamp(lesion.throatArcLengthMm() - 0.5, 0, len);
            b = clamp(lesion.throatArcLengthMm() + 0.5, 0, len);
        }
        if (b - a > ResectionRepair.MAX_RESECTION_MM) {
            // a long or diffuse narrowing: resect the 40 mm around the throat, the most an end-to-end anastomosis bridges
            double half = ResectionRepair.MAX_RESECTION_MM / 2;
            double c = clamp(lesion.throatArcLengthMm(), a + half, b - half);
            a = c - half;
            b = c + half;
        }
        double device = Math.max(20, lesion.lengthMm() + 10);
        device = Math.min(device, len);
        double centre = clamp(lesion.throatArcLengthMm(), device / 2, len - device / 2);
        switch (kind) {
            case "native":
                return new NativeRepair();
            case "resection":
                return new ResectionRepair(a, b, ref, 5);
            case "patch":
                return new PatchRepair(clamp(a - 5, 0, len), clamp(b + 5, 0, len), ref, 5);
            case "stent":
                return new StentRepair(centre, device, ref, 95);
            case "balloon":
                return new BalloonRepair(centre, device, ref, BalloonRepair.DEFAULT_RECOIL_PERCENT);
            case "extended_resection":
                // the arch underside opened 20 mm proximal to the resection (within the vessel)
                return new ExtendedResectionRepair(clamp(a - 20, 0, Math.max(0, a - 1)), a, b, ref, 5);
            case "custom": {
                double s0 = clamp(a - 5, 0, len), s1 = clamp(b + 5, 0, len);
                return new CustomProfileRepair(s0, s1, new double[] {ref, ref, ref, ref, ref}, 5);
            }
            default:
                throw new IllegalArgumentException("unknown repair kind '" + kind + "'; known: " + KINDS);
        }
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
