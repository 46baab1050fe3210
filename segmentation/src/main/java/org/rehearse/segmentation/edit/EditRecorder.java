package org.rehearse.segmentation.edit;

import java.util.Arrays;

/**
 * Writes label values into a label array and records each actual change for an {@link Edit}. Consecutive indices
 * are merged into runs. Not thread-safe; package-private: tools use it, callers see the finished {@link Edit}.
 */
final class EditRecorder {
    private final byte[] labels;
    private int[] runStart = new int[64];
    private int[] runLength = new int[64];
    private int runs;
    private byte[] oldValues = new byte[1024];
    private byte[] newValues = new byte[1024];
    private int voxels;
    private int next = -2;
    private boolean constant = true;
    private boolean constantOld = true;

    EditRecorder(byte[] labels) {
        this.labels = labels;
    }

    /** Sets voxel {@code index} to {@code value}, recording the change when the value differs. */
    void set(int index, byte value) {
        byte old = labels[index];
        if (old == value) {
            return;
        }
        labels[index] = value;
        if (index == next) {
            runLength[runs - 1]++;
        } else {
            if (runs == runStart.length) {
                runStart = Arrays.copyOf(runStart, runs * 2);
                runLength = Arrays.copyOf(runLength, runs * 2);
            }
            runStart[runs] = index;
            runLength[runs] = 1;
            runs++;
        }
        next = index + 1;
        if (voxels == oldValues.length) {
            int n = voxels + (voxels >> 1);
            oldValues = Arrays.copyOf(oldValues, n);
            newValues = Arrays.copyOf(newValues, n);
        }
        oldValues[voxels] = old;
        newValues[voxels] = value;
        if (voxels > 0 && value != newValues[0]) {
            constant = false;
        }
        if (voxels > 0 && old != oldValues[0]) {
            constantOld = false;
        }
        voxels++;
    }

    int voxelCount() {
        return voxels;
    }

    /** @return the finished edit with trimmed arrays */
    Edit finish(String description) {
        byte[] nv = constant && voxels > 0 ? new byte[] {newValues[0]} : Arrays.copyOf(newValues, voxels);
        if (voxels == 1) {
            nv = new byte[] {newValues[0]};
        }
        byte[] ov = constantOld && voxels > 0 ? new byte[] {oldValues[0]} : Arrays.copyOf(oldValues, voxels);
        return new Edit(description, Arrays.copyOf(runStart, runs), Arrays.copyOf(runLength, runs), runs,
                ov, voxels == 0 ? new byte[0] : nv, voxels);
    }
}
