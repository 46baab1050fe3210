package org.rehearse.segmentation.segment;

/**
 * Label values written by {@link AortaSegmenter#segmentWithBranches} and {@link AortaSegmenter#segmentAutomatic} into
 * their {@link org.rehearse.segmentation.image.LabelMap}: 0 is background, the aorta is 1 and the three arch
 * branches, from the patient's right to left, are 2, 3 and 4 (the usual left-sided arch; the branch order follows the
 * standard anatomy, e.g. Gray's Anatomy, 42nd ed., "aortic arch").
 */
public enum AortaLabel {
    /** The aorta (ascending, arch, descending; both lumens of a dissection): label 1. */
    AORTA(1, "aorta"),
    /** Brachiocephalic trunk, the first and rightmost branch of the arch: label 2. */
    BRACHIOCEPHALIC_TRUNK(2, "brachiocephalic trunk"),
    /** Left common carotid artery, the middle branch: label 3. */
    LEFT_COMMON_CAROTID(3, "left common carotid artery"),
    /** Left subclavian artery, the last and leftmost (most posterior) branch: label 4. */
    LEFT_SUBCLAVIAN(4, "left subclavian artery");

    private final int value;
    private final String displayName;

    AortaLabel(int value, String displayName) {
        this.value = value;
        this.displayName = displayName;
    }

    /** @return the name shown to the user, e.g. "left common carotid artery" */
    public String displayName() {
        return displayName;
    }

    /** @return the voxel value of this structure in the label map (1–4) */
    public int value() {
        return value;
    }

    /**
     * @param value a voxel value of the label map
     * @return the structure with this value
     * @throws IllegalArgumentException if no structure has this value (0 is background)
     */
    public static AortaLabel of(int value) {
        for (AortaLabel l : values()) {
            if (l.value == value) {
                return l;
            }
        }
        throw new IllegalArgumentException("no aorta label has the value " + value + " (known: 1–4; 0 is background)");
    }
}
