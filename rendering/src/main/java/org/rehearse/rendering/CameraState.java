package org.rehearse.rendering;

/**
 * The orbit camera of a {@link SurfaceView3D}: it looks at a target point from a distance, turned by an azimuth and an
 * elevation. Immutable value; views that share one state show the same viewpoint.
 *
 * <p>Angles in degrees. Azimuth 0, elevation 0 is the anterior view (camera in front of the patient, looking
 * posteriorly, head up); positive azimuth moves the camera towards the patient's right (scene −x), positive elevation raises it
 * towards superior. Target in scene coordinates (mm, see {@link FxMeshes} for the LPS → scene map), distance in mm.
 *
 * @param azimuthDeg   rotation of the camera about the scene's vertical axis through the target, degrees
 * @param elevationDeg rotation of the camera about its horizontal axis, degrees, clamped to [−89, 89] by the view
 * @param distanceMm   distance from camera to target, mm, &gt; 0
 * @param targetX      scene x of the target (mm)
 * @param targetY      scene y of the target (mm)
 * @param targetZ      scene z of the target (mm)
 */
public record CameraState(double azimuthDeg, double elevationDeg, double distanceMm,
                          double targetX, double targetY, double targetZ) {
    /**
     * @throws IllegalArgumentException when the distance is not positive or a value is not finite
     */
    public CameraState {
        if (!(distanceMm > 0) || !Double.isFinite(distanceMm) || !Double.isFinite(azimuthDeg) || !Double.isFinite(elevationDeg)
                || !Double.isFinite(targetX) || !Double.isFinite(targetY) || !Double.isFinite(targetZ)) {
            throw new IllegalArgumentException("camera state must be finite with a positive distance: az=" + azimuthDeg
                    + " el=" + elevationDeg + " d=" + distanceMm + " target=(" + targetX + ", " + targetY + ", " + targetZ + ")");
        }
    }

    /** The default state: anterior view of the origin from 500 mm. */
    public static final CameraState DEFAULT = new CameraState(0, 0, 500, 0, 0, 0);

    /** @return this state with other angles */
    public CameraState withAngles(double azimuth, double elevation) {
        return new CameraState(azimuth, elevation, distanceMm, targetX, targetY, targetZ);
    }

    /** @return this state with another distance (mm) */
    public CameraState withDistance(double distance) {
        return new CameraState(azimuthDeg, elevationDeg, distance, targetX, targetY, targetZ);
    }

    /** @return this state with another target (scene mm) */
    public CameraState withTarget(double x, double y, double z) {
        return new CameraState(azimuthDeg, elevationDeg, distanceMm, x, y, z);
    }
}
