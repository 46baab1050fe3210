package org.rehearse.segmentation.mesh;

import vtk.vtkNativeLibrary;

/**
 * Loads VTK's JNI libraries once per JVM (Debian package libvtk9-java). The libraries live in
 * {@code /usr/lib/x86_64-linux-gnu/java/vtk-Linux-x86_64}, which must be on {@code java.library.path}, and they need
 * {@code LD_LIBRARY_PATH=$JAVA_HOME/lib} for libjawt; {@code ./rehearse} and the test configuration set both.
 */
public final class VtkRuntime {
    private static volatile boolean loaded;

    private VtkRuntime() {
    }

    /**
     * Loads the native libraries if not yet loaded.
     *
     * @throws IllegalStateException with installation advice when a library cannot be loaded
     */
    public static synchronized void ensureLoaded() {
        if (loaded) {
            return;
        }
        try {
            if (!vtkNativeLibrary.LoadAllNativeLibraries()) {
                StringBuilder missing = new StringBuilder();
                for (vtkNativeLibrary lib : vtkNativeLibrary.values()) {
                    if (!lib.IsLoaded()) {
                        missing.append(' ').append(lib.GetLibraryName());
                    }
                }
                // Only the libraries this project uses matter; rendering ones may fail without X.
                if (!vtkNativeLibrary.vtkFiltersCore.IsLoaded() || !vtkNativeLibrary.vtkCommonDataModel.IsLoaded()) {
                    throw new IllegalStateException("VTK native libraries could not be loaded:" + missing + advice());
                }
            }
        } catch (UnsatisfiedLinkError e) {
            throw new IllegalStateException("VTK native libraries could not be loaded (" + e.getMessage() + ")" + advice(), e);
        }
        vtkNativeLibrary.DisableOutputWindow(null);
        loaded = true;
    }

    private static String advice() {
        return ". Install the Debian package libvtk9-java and run with -Djava.library.path="
                + "/usr/lib/x86_64-linux-gnu/java/vtk-Linux-x86_64 and LD_LIBRARY_PATH=$JAVA_HOME/lib (./rehearse does this).";
    }
}
