package org.rehearse.segmentation.edit;

import java.util.Objects;

import org.rehearse.segmentation.image.LabelMap;

/**
 * One recorded change of a label map: the changed voxels with their old and new label values, stored sparsely so
 * that undo and redo never copy the whole volume.
 *
 * <p>Storage: the changed linear voxel indices ({@code i + columns·(j + rows·k)}) as runs of consecutive indices
 * ({@code int} start and length per run), plus one old value per changed voxel ({@code byte}) and one new value per
 * changed voxel; either array shrinks to a single value when all its values are equal (the usual case: painting on
 * background, erasing, growing). Memory is 0–2 bytes per changed voxel plus 8 bytes per run; a 5 mm sphere painted
 * on background with 0.7×0.7×1.0 mm voxels (≈1 070 voxels in ≈120 runs) costs about 1 kB. Each voxel appears at
 * most once in an edit.
 *
 * <p>Immutable. {@link #undo(LabelMap)} and {@link #redo(LabelMap)} restore the old / new values exactly, provided
 * the label map is in the state right after / before this edit (the {@link UndoStack} guarantees that order).
 */
public final class Edit {
    private final String description;
    private final int[] runStart;
    private final int[] runLength;
    private final int runs;
    private final byte[] oldValues; // length voxels, or 1 when constant
    private final byte[] newValues; // length voxels, or 1 when constant
    private final int voxels;

    Edit(String description, int[] runStart, int[] runLength, int runs, byte[] oldValues, byte[] newValues, int voxels) {
        this.description = Objects.requireNonNull(description);
        this.runStart = runStart;
        this.runLength = runLength;
        this.runs = runs;
        this.oldValues = oldValues;
        this.newValues = newValues;
        this.voxels = voxels;
    }

    /** @return what was done, for an Edit menu ("Paint sphere 5.0 mm on aorta") */
    public String description() { return description; }

    /** @return the number of voxels this edit changed */
    public int voxelCount() { return voxels; }

    /** @return true when the edit changed no voxel */
    public boolean isEmpty() { return voxels == 0; }

    /** @return the approximate heap size of this edit in bytes (arrays plus a fixed object overhead) */
    public long memoryBytes() {
        return 96L + 8L * runs + oldValues.length + newValues.length + 2L * description.length();
    }

    /**
     * Restores the values before this edit.
     *
     * @param labels the label map this edit was recorded on, in the state right after the edit
     * @throws IllegalArgumentException when the label map is smaller than the recorded indices
     */
    public void undo(LabelMap labels) {
        byte[] a = labels.labels();
        checkSize(a);
        boolean constant = oldValues.length == 1 && voxels != 1;
        int v = voxels;
        for (int r = runs - 1; r >= 0; r--) { // reverse order: exact even if a voxel had been recorded twice
            int s = runStart[r];
            if (constant) {
                java.util.Arrays.fill(a, s, s + runLength[r], oldValues[0]);
                continue;
            }
            for (int n = runLength[r] - 1; n >= 0; n--) {
                a[s + n] = oldValues[--v];
            }
        }
    }

    /**
     * Applies this edit again.
     *
     * @param labels the label map this edit was recorded on, in the state right before the edit
     * @throws IllegalArgumentException when the label map is smaller than the recorded indices
     */
    public void redo(LabelMap labels) {
        byte[] a = labels.labels();
        checkSize(a);
        boolean constant = newValues.length == 1 && voxels != 1;
        int v = 0;
        for (int r = 0; r < runs; r++) {
            int s = runStart[r], len = runLength[r];
            if (constant) {
                java.util.Arrays.fill(a, s, s + len, newValues[0]);
                v += len;
            } else {
                for (int n = 0; n < len; n++) {
                    a[s + n] = newValues[v++];
                }
            }
        }
    }

    /**
     * Calls the visitor for each changed voxel, in recording order.
     *
     * @param visitor receives the linear index, the old and the new label value (0…255)
     */
    public void forEachChange(ChangeVisitor visitor) {
        boolean constant = newValues.length == 1 && voxels != 1, constantOld = oldValues.length == 1 && voxels != 1;
        int v = 0;
        for (int r = 0; r < runs; r++) {
            int s = runStart[r];
            for (int n = 0; n < runLength[r]; n++, v++) {
                visitor.change(s + n, (constantOld ? oldValues[0] : oldValues[v]) & 0xFF,
                        (constant ? newValues[0] : newValues[v]) & 0xFF);
            }
        }
    }

    /**
     * The box of index space that holds every changed voxel, so that a viewer can redraw only the affected slices.
     *
     * @param columns columns of the grid the edit was recorded on
     * @param rows    rows of the grid the edit was recorded on
     * @return the bounding box, or null when the edit is empty
     */
    public IndexBox bounds(int columns, int rows) {
        if (voxels == 0) {
            return null;
        }
        int[] b = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1, -1};
        int plane = columns * rows;
        for (int r = 0; r < runs; r++) {
            for (int idx : new int[] {runStart[r], runStart[r] + runLength[r] - 1}) {
                int k = idx / plane, rem = idx - k * plane, j = rem / columns, i = rem - j * columns;
                b[0] = Math.min(b[0], i); b[1] = Math.min(b[1], j); b[2] = Math.min(b[2], k);
                b[3] = Math.max(b[3], i); b[4] = Math.max(b[4], j); b[5] = Math.max(b[5], k);
            }
            if (runLength[r] > 1 && (runStart[r] / columns) != ((runStart[r] + runLength[r] - 1) / columns)) {
                b[0] = 0; b[3] = columns - 1; // run wraps a row: it spans all columns
                if ((runStart[r] / plane) != ((runStart[r] + runLength[r] - 1) / plane)) {
                    b[1] = 0; b[4] = rows - 1;
                }
            }
        }
        return new IndexBox(b[0], b[1], b[2], b[3], b[4], b[5]);
    }

    private void checkSize(byte[] a) {
        if (runs > 0) {
            int max = 0;
            for (int r = 0; r < runs; r++) {
                max = Math.max(max, runStart[r] + runLength[r] - 1);
            }
            if (max >= a.length) {
                throw new IllegalArgumentException("edit \"" + description + "\" changes voxel " + max
                        + " but the label map has only " + a.length + " voxels");
            }
        }
    }

    @Override
    public String toString() {
        return description + " (" + voxels + " voxels, " + runs + " runs)";
    }

    /** Receives one changed voxel of an edit. */
    @FunctionalInterface
    public interface ChangeVisitor {
        /**
         * @param index    linear voxel index i + columns·(j + rows·k)
         * @param oldLabel label value before the edit, 0…255
         * @param newLabel label value after the edit, 0…255
         */
        void change(int index, int oldLabel, int newLabel);
    }
}
