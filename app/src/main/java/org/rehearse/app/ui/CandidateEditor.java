package org.rehearse.app.ui;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.util.StringConverter;
import org.rehearse.app.casefile.CandidateSpec;
import org.rehearse.app.workflow.CaseException;
import org.rehearse.rendering.ComparisonView;
import org.rehearse.simulation.repair.RepairFactory;

/**
 * The candidate list of the comparison: add a candidate of a kind (with the patient's default parameters), duplicate,
 * rename, delete; the selected candidate's parameters as spinners in clinical units, checked against the patient's
 * vessel on every change with the check's message shown in the panel; and "Simulate" to run the comparison again.
 * Names are the user's (unique), so that e.g. two stents of different diameter can be compared. FX thread only.
 */
public class CandidateEditor extends VBox {
    /** Makes a new candidate of a kind with a name (the patient's defaults); throws with a message for the user. */
    public interface Factory {
        /**
         * @throws CaseException when no defaults are available yet
         */
        CandidateSpec create(String kind, String name) throws CaseException;
    }

    private final ObservableList<CandidateSpec> items = FXCollections.observableArrayList();
    private final ListView<CandidateSpec> list = new ListView<>(items);
    private final GridPane params = new GridPane();
    private final Label paramTitle = new Label("Parameters");
    private final Label message = new Label();
    private final Button simulate = new Button("Simulate candidates");
    private final BooleanProperty changed = new SimpleBooleanProperty(this, "changed");
    private final Map<String, Spinner<Double>> spinners = new LinkedHashMap<>();
    private Factory factory = (k, n) -> {
        throw new CaseException("New candidates need a comparison first.");
    };
    private Function<CandidateSpec, String> checker = c -> null;
    private Consumer<List<CandidateSpec>> onSimulate = c -> { };
    private boolean updating;

    /** An empty list. */
    public CandidateEditor() {
        super(6);
        Label title = new Label("Candidates");
        title.setFont(Font.font(null, FontWeight.BOLD, 15));
        list.setId("candidateList");
        list.setPrefHeight(150);
        list.setMinHeight(90);
        list.setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(CandidateSpec c, boolean empty) {
                super.updateItem(c, empty);
                setText(empty || c == null ? null : c.name() + "   (" + c.kind() + ")");
            }
        });
        MenuButton add = new MenuButton("Add");
        add.setId("addCandidate");
        for (String kind : RepairFactory.KINDS) {
            MenuItem m = new MenuItem(kind);
            m.setOnAction(e -> add(kind));
            add.getItems().add(m);
        }
        Button dup = new Button("Duplicate");
        dup.setOnAction(e -> duplicateSelected());
        Button ren = new Button("Rename…");
        ren.setOnAction(e -> renameSelectedWithDialog());
        Button del = new Button("Delete");
        del.setOnAction(e -> deleteSelected());
        dup.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        ren.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        del.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        GridPane buttons = new GridPane();
        buttons.setHgap(4);
        buttons.setVgap(4);
        for (javafx.scene.control.ButtonBase b : new javafx.scene.control.ButtonBase[] {add, dup, ren, del}) {
            b.setMaxWidth(Double.MAX_VALUE);
            GridPane.setHgrow(b, Priority.ALWAYS);
        }
        buttons.addRow(0, add, dup);
        buttons.addRow(1, ren, del);
        paramTitle.setStyle("-fx-font-weight: bold;");
        params.setHgap(6);
        params.setVgap(4);
        message.setId("candidateMessage");
        message.setWrapText(true);
        message.setMaxWidth(Double.MAX_VALUE);
        simulate.setId("simulateCandidates");
        simulate.setMaxWidth(Double.MAX_VALUE);
        simulate.setOnAction(e -> onSimulate.accept(candidates()));
        Label hint = new Label("Values in clinical units; positions are arc lengths along the centerline from its "
                + "proximal end. Simulate to update the comparison.");
        hint.setWrapText(true);
        hint.setStyle("-fx-text-fill: #555555; -fx-font-size: 11px;");
        getChildren().addAll(title, list, buttons, paramTitle, params, message, simulate, hint);
        setPadding(new Insets(8));
        setPrefWidth(330);
        setMinWidth(260);
        VBox.setVgrow(list, Priority.NEVER);
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> showParameters(b));
        items.addListener((javafx.collections.ListChangeListener<CandidateSpec>) ch -> refreshMessage());
        showParameters(null);
    }

    // ------------------------------------------------------------------------------------------------ settings

    /** Sets how new candidates get their default parameters. */
    public void setFactory(Factory f) {
        factory = f;
    }

    /** Sets the check of a candidate against the vessel: null when it fits, else the message to show. */
    public void setChecker(Function<CandidateSpec, String> f) {
        checker = f;
        refreshMessage();
    }

    /** Sets what "Simulate candidates" does (it gets the current list). */
    public void setOnSimulate(Consumer<List<CandidateSpec>> action) {
        onSimulate = action;
    }

    /**
     * Replaces the list (e.g. with the candidates as simulated, or from a case file), keeping the selected index; marks
     * the list unchanged.
     */
    public void setCandidates(List<CandidateSpec> candidates) {
        int sel = list.getSelectionModel().getSelectedIndex();
        items.setAll(candidates);
        if (!items.isEmpty()) {
            if (sel < 0) {
                // first time: the first candidate that has parameters to edit
                sel = 0;
                while (sel < items.size() - 1 && items.get(sel).parameters().isEmpty()) sel++;
            }
            list.getSelectionModel().select(Math.min(sel, items.size() - 1));
        }
        changed.set(false);
        refreshMessage();
    }

    /** @return the candidates, in order */
    public List<CandidateSpec> candidates() {
        return List.copyOf(items);
    }

    /** @return true when the list or a parameter changed since {@link #setCandidates} (not simulated yet) */
    public BooleanProperty changedProperty() {
        return changed;
    }

    /** @return the "Simulate candidates" button */
    public Button simulateButton() {
        return simulate;
    }

    /** @return the list view */
    public ListView<CandidateSpec> listView() {
        return list;
    }

    /** @return the message shown under the parameters (validation result) */
    public String message() {
        return message.getText();
    }

    /** @return the spinner of a parameter of the selected candidate, or null */
    public Spinner<Double> spinner(String parameter) {
        return spinners.get(parameter);
    }

    // ------------------------------------------------------------------------------------------------ edits

    /** Selects the candidate with this name. @return whether there is one */
    public boolean select(String name) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).name().equals(name)) {
                list.getSelectionModel().select(i);
                return true;
            }
        }
        return false;
    }

    /** Adds a candidate of a kind with the patient's defaults, named after the kind (made unique). */
    public void add(String kind) {
        if (items.size() >= ComparisonView.MAX_CANDIDATES) {
            setMessage("At most " + ComparisonView.MAX_CANDIDATES + " candidates can be compared; delete one first.", true);
            return;
        }
        try {
            CandidateSpec c = factory.create(kind, uniqueName(kind));
            items.add(c);
            list.getSelectionModel().select(items.size() - 1);
            changed.set(true);
        } catch (CaseException e) {
            setMessage(e.getMessage(), true);
        }
    }

    /** Duplicates the selected candidate under a new name. */
    public void duplicateSelected() {
        CandidateSpec c = list.getSelectionModel().getSelectedItem();
        if (c == null) return;
        if (items.size() >= ComparisonView.MAX_CANDIDATES) {
            setMessage("At most " + ComparisonView.MAX_CANDIDATES + " candidates can be compared; delete one first.", true);
            return;
        }
        items.add(new CandidateSpec(uniqueName(c.name() + " copy"), c.kind(), c.parameters()));
        list.getSelectionModel().select(items.size() - 1);
        changed.set(true);
    }

    /** Deletes the selected candidate. */
    public void deleteSelected() {
        int i = list.getSelectionModel().getSelectedIndex();
        if (i < 0) return;
        items.remove(i);
        changed.set(true);
    }

    private void renameSelectedWithDialog() {
        CandidateSpec c = list.getSelectionModel().getSelectedItem();
        if (c == null) return;
        TextInputDialog d = new TextInputDialog(c.name());
        d.setTitle("Rehearse");
        d.setHeaderText("Rename candidate \"" + c.name() + "\"");
        d.setContentText("Name:");
        if (getScene() != null && getScene().getWindow() != null) d.initOwner(getScene().getWindow());
        Optional<String> name = d.showAndWait();
        name.ifPresent(this::renameSelected);
    }

    /**
     * Renames the selected candidate.
     *
     * @return whether it was renamed (a blank or already used name is refused with a message)
     */
    public boolean renameSelected(String name) {
        int i = list.getSelectionModel().getSelectedIndex();
        if (i < 0) return false;
        String n = name == null ? "" : name.trim();
        if (n.isEmpty()) {
            setMessage("A candidate's name cannot be blank.", true);
            return false;
        }
        for (int k = 0; k < items.size(); k++) {
            if (k != i && items.get(k).name().equals(n)) {
                setMessage("The name \"" + n + "\" is already used by another candidate.", true);
                return false;
            }
        }
        CandidateSpec c = items.get(i);
        items.set(i, new CandidateSpec(n, c.kind(), c.parameters()));
        list.getSelectionModel().select(i);
        changed.set(true);
        return true;
    }

    /**
     * Sets a parameter of the selected candidate (as its spinner does).
     *
     * @param parameter the name with its unit, e.g. {@code diameterMm}
     * @param value     in the unit of the name
     */
    public void setParameter(String parameter, double value) {
        int i = list.getSelectionModel().getSelectedIndex();
        if (i < 0) return;
        CandidateSpec c = items.get(i);
        if (!c.parameters().containsKey(parameter)) {
            throw new IllegalArgumentException(c.kind() + " has no parameter " + parameter + "; it has " + c.parameters().keySet());
        }
        Map<String, Double> p = new LinkedHashMap<>(c.parameters());
        p.put(parameter, value);
        updating = true;
        try {
            items.set(i, new CandidateSpec(c.name(), c.kind(), p));
            list.getSelectionModel().select(i);
            Spinner<Double> s = spinners.get(parameter);
            if (s != null && !Double.valueOf(value).equals(s.getValue())) s.getValueFactory().setValue(value);
        } finally {
            updating = false;
        }
        changed.set(true);
        refreshMessage();
    }

    private String uniqueName(String base) {
        Set<String> used = new HashSet<>();
        items.forEach(c -> used.add(c.name()));
        if (!used.contains(base)) return base;
        for (int n = 2; ; n++) {
            if (!used.contains(base + " " + n)) return base + " " + n;
        }
    }

    // ------------------------------------------------------------------------------------------------ display

    private void showParameters(CandidateSpec c) {
        if (updating) return;
        params.getChildren().clear();
        spinners.clear();
        if (c == null) {
            paramTitle.setText("Parameters (select a candidate)");
            refreshMessage();
            return;
        }
        paramTitle.setText("Parameters of \"" + c.name() + "\"");
        int row = 0;
        for (Map.Entry<String, Double> e : c.parameters().entrySet()) {
            String name = e.getKey();
            double step = name.endsWith("Percent") ? 1 : 0.5;
            SpinnerValueFactory.DoubleSpinnerValueFactory f =
                    new SpinnerValueFactory.DoubleSpinnerValueFactory(-10000, 10000, e.getValue(), step);
            f.setConverter(new StringConverter<>() {
                @Override
                public String toString(Double v) {
                    return v == null ? "" : String.format(Locale.ROOT, "%.1f", v);
                }

                @Override
                public Double fromString(String s) {
                    try {
                        return Double.parseDouble(s.trim().replace(',', '.'));
                    } catch (NumberFormatException ex) {
                        setMessage("\"" + s + "\" is not a number.", true);
                        return f.getValue();
                    }
                }
            });
            Spinner<Double> sp = new Spinner<>(f);
            sp.setEditable(true);
            sp.setId("param-" + name);
            sp.setPrefWidth(100);
            sp.focusedProperty().addListener((o, was, now) -> {
                if (!now) sp.increment(0); // commit typed text on leaving the field
            });
            f.valueProperty().addListener((o, a, b) -> {
                if (!updating && b != null) setParameter(name, b);
            });
            spinners.put(name, sp);
            params.addRow(row++, new Label(label(name)), sp);
        }
        if (row == 0) params.addRow(0, new Label("No parameters."));
        refreshMessage();
    }

    /**
     * A parameter's label: its name in words with the unit in brackets, e.g. {@code diameterMm} → "Diameter (mm)",
     * {@code recoilPercent} → "Recoil (%)".
     */
    public static String label(String parameter) {
        String unit = null, base = parameter;
        for (String[] u : new String[][] {{"Mm", "mm"}, {"Percent", "%"}, {"Deg", "°"}, {"MmHg", "mmHg"}}) {
            if (parameter.endsWith(u[0]) && parameter.length() > u[0].length()) {
                unit = u[1];
                base = parameter.substring(0, parameter.length() - u[0].length());
            }
        }
        String words = base.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        words = Character.toUpperCase(words.charAt(0)) + words.substring(1);
        return unit == null ? words : words + " (" + unit + ")";
    }

    private void refreshMessage() {
        List<String> problems = new ArrayList<>();
        for (CandidateSpec c : items) {
            String m = checker.apply(c);
            if (m != null) problems.add("\"" + c.name() + "\": " + m);
        }
        if (!problems.isEmpty()) {
            setMessage(String.join("\n", problems), true);
        } else if (items.isEmpty()) {
            setMessage("No candidates: add one.", true);
        } else {
            setMessage(changed.get() ? "All candidates fit the vessel. Simulate to update the comparison."
                    : "All candidates fit the vessel.", false);
        }
        simulate.setDisable(!problems.isEmpty() || items.isEmpty());
    }

    private void setMessage(String text, boolean problem) {
        message.setText(text);
        message.setStyle(problem ? "-fx-text-fill: #b00020;" : "-fx-text-fill: #1b6b1b;");
    }
}
