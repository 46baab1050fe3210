package org.rehearse.app.ui;

import javafx.scene.Node;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.rehearse.rendering.ComparisonView;

/**
 * The workstation's presentation mode for a planning conference: the comparison alone, full screen, with large fonts.
 * It takes the comparison view out of the Comparison tab into the window's centre and hides the menu bar and the
 * status bar; leaving puts everything back. Leaving full screen by other means (the window manager, Esc) leaves the
 * mode too. FX thread only.
 */
final class PresentationMode {
    /** Font scale of the comparison in presentation mode. */
    static final double FONT_SCALE = 1.6;

    private final Workstation ws;
    private boolean on;
    private Node savedTop, savedCenter, savedBottom;
    private ComparisonView view;
    private Stage listenedStage;

    PresentationMode(Workstation ws) {
        this.ws = ws;
    }

    boolean isOn() {
        return on;
    }

    void set(boolean enter, ComparisonView comparison) {
        if (enter == on) {
            return;
        }
        on = enter;
        if (enter) {
            view = comparison;
            savedTop = ws.getTop();
            savedCenter = ws.getCenter();
            savedBottom = ws.getBottom();
            ws.comparisonPane().setCenter(null);
            ws.setTop(null);
            ws.setBottom(null);
            ws.setCenter(view);
            view.setPresentationScale(FONT_SCALE);
            ws.getStyleClass().add("presentation");
            Stage stage = stage();
            if (stage != null) {
                if (listenedStage != stage) {
                    listenedStage = stage;
                    stage.fullScreenProperty().addListener((o, was, full) -> {
                        if (!full && on) {
                            set(false, view);
                        }
                    });
                }
                stage.setFullScreenExitHint("Esc or F11 leaves the presentation mode");
                stage.setFullScreen(true);
            }
            view.requestFocus();
        } else {
            ws.setCenter(null);
            ws.setTop(savedTop);
            ws.setCenter(savedCenter);
            ws.setBottom(savedBottom);
            view.setPresentationScale(1);
            ws.comparisonPane().setCenter(view);
            ws.getStyleClass().remove("presentation");
            Stage stage = stage();
            if (stage != null && stage.isFullScreen()) {
                stage.setFullScreen(false);
            }
            savedTop = savedCenter = savedBottom = null;
        }
    }

    private Stage stage() {
        Window w = ws.getScene() == null ? null : ws.getScene().getWindow();
        return w instanceof Stage s ? s : null;
    }
}
