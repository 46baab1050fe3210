package org.rehearse.segmentation.edit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

import org.rehearse.segmentation.image.LabelMap;

/**
 * Undo/redo history of sparse {@link Edit}s on one label map, with bounded memory.
 *
 * <p>Memory bound: the undo and redo edits together hold at most {@link #maxBytes()} bytes (by
 * {@link Edit#memoryBytes()}; default {@value #DEFAULT_MAX_BYTES} bytes = 256 MiB) and at most {@link #maxSteps()}
 * undo steps (default {@value #DEFAULT_MAX_STEPS}). When a new edit would exceed either bound, the oldest undo steps
 * are dropped. The newest edit is always kept, even when it alone exceeds the byte bound, so the last action can
 * always be undone. Recording a new edit clears the redo list. Not thread-safe: call from one (the UI) thread.
 */
public final class UndoStack {
    /** Default memory bound in bytes (256 MiB). */
    public static final long DEFAULT_MAX_BYTES = 256L << 20;
    /** Default maximum number of undo steps. */
    public static final int DEFAULT_MAX_STEPS = 500;

    private final Deque<Edit> undo = new ArrayDeque<>();
    private final Deque<Edit> redo = new ArrayDeque<>();
    private final long maxBytes;
    private final int maxSteps;
    private long bytes;

    /** A stack with the default bounds (256 MiB, 500 steps). */
    public UndoStack() {
        this(DEFAULT_MAX_BYTES, DEFAULT_MAX_STEPS);
    }

    /**
     * @param maxBytes most bytes held by all edits together, &gt; 0
     * @param maxSteps most undo steps kept, &gt; 0
     * @throws IllegalArgumentException when a bound is not positive
     */
    public UndoStack(long maxBytes, int maxSteps) {
        if (maxBytes <= 0 || maxSteps <= 0) {
            throw new IllegalArgumentException("undo bounds must be positive, got " + maxBytes + " bytes and " + maxSteps + " steps");
        }
        this.maxBytes = maxBytes;
        this.maxSteps = maxSteps;
    }

    /** @return the memory bound in bytes */
    public long maxBytes() { return maxBytes; }
    /** @return the most undo steps kept */
    public int maxSteps() { return maxSteps; }

    /**
     * Records an edit that has already been applied to the label map. Empty edits are ignored. Clears redo.
     *
     * @param edit the applied edit
     */
    public void push(Edit edit) {
        if (edit.isEmpty()) {
            return;
        }
        for (Edit e : redo) {
            bytes -= e.memoryBytes();
        }
        redo.clear();
        undo.push(edit);
        bytes += edit.memoryBytes();
        while (undo.size() > 1 && (bytes > maxBytes || undo.size() > maxSteps)) {
            bytes -= undo.removeLast().memoryBytes();
        }
    }

    /**
     * Undoes the newest edit on the label map.
     *
     * @param labels the label map the edits were recorded on
     * @return the undone edit, or empty when there is nothing to undo
     */
    public Optional<Edit> undo(LabelMap labels) {
        Edit e = undo.poll();
        if (e == null) {
            return Optional.empty();
        }
        e.undo(labels);
        redo.push(e);
        return Optional.of(e);
    }

    /**
     * Redoes the newest undone edit on the label map.
     *
     * @param labels the label map the edits were recorded on
     * @return the redone edit, or empty when there is nothing to redo
     */
    public Optional<Edit> redo(LabelMap labels) {
        Edit e = redo.poll();
        if (e == null) {
            return Optional.empty();
        }
        e.redo(labels);
        undo.push(e);
        return Optional.of(e);
    }

    /** @return true when there is an edit to undo */
    public boolean canUndo() { return !undo.isEmpty(); }
    /** @return true when there is an undone edit to redo */
    public boolean canRedo() { return !redo.isEmpty(); }
    /** @return the number of undo steps held */
    public int undoSize() { return undo.size(); }
    /** @return the number of redo steps held */
    public int redoSize() { return redo.size(); }
    /** @return the bytes held by all edits (undo and redo), by {@link Edit#memoryBytes()} */
    public long memoryBytes() { return bytes; }
    /** @return the description of the edit {@link #undo} would undo, or empty */
    public Optional<String> nextUndoDescription() { return Optional.ofNullable(undo.peek()).map(Edit::description); }
    /** @return the description of the edit {@link #redo} would redo, or empty */
    public Optional<String> nextRedoDescription() { return Optional.ofNullable(redo.peek()).map(Edit::description); }

    /** Forgets all history (e.g. after loading another segmentation). */
    public void clear() {
        undo.clear();
        redo.clear();
        bytes = 0;
    }
}
