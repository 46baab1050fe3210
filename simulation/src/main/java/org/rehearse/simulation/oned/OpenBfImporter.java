package org.rehearse.simulation.oned;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads openBF's YAML network description (github.com/INSIGNEO/openBF, its {@code models/} input form) into a
 * {@link OneDNetwork}. Recognised keys: {@code project_name}, {@code inlet_file} (relative to the YAML's folder),
 * {@code blood: {rho, mu}}, and per {@code network} entry {@code label, sn, tn, L, E, h0, gamma_profile} with either
 * {@code R0} or {@code Rp}/{@code Rd} (proximal/distal reference radius), and for outlets {@code R1, R2, Cc}
 * (optional {@code Pout}, default 0). All values SI. Unknown keys (solver settings, {@code write_results}) are ignored.
 */
public final class OpenBfImporter {
    private OpenBfImporter() {}

    /**
     * @param yamlFile the openBF {@code .yaml} file
     * @return the network, with the inlet waveform read from {@code inlet_file}
     * @throws IOException              when the YAML or the inlet file cannot be read or parsed
     * @throws IllegalArgumentException when a required key is missing or a value invalid (message names file, vessel, key)
     */
    public static OneDNetwork read(Path yamlFile) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yamlFile.toFile());
        } catch (IOException e) {
            throw new IOException(yamlFile + ": cannot parse YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException(yamlFile + ": not a YAML mapping");
        String name = root.path("project_name").asText(yamlFile.getFileName().toString());
        JsonNode blood = req(root, "blood", yamlFile, "top level");
        double rho = num(blood, "rho", yamlFile, "blood");
        double mu = num(blood, "mu", yamlFile, "blood");
        String inletName = req(root, "inlet_file", yamlFile, "top level").asText();
        Path inletPath = yamlFile.toAbsolutePath().getParent().resolve(inletName);
        if (!Files.isRegularFile(inletPath)) {
            throw new IOException(yamlFile + ": inlet_file " + inletPath + " does not exist");
        }
        InletWaveform inlet = InletWaveform.read(inletPath);
        JsonNode net = req(root, "network", yamlFile, "top level");
        if (!net.isArray() || net.isEmpty()) throw new IllegalArgumentException(yamlFile + ": 'network' must be a non-empty list");
        List<OneDVessel> vessels = new ArrayList<>();
        int k = 0;
        for (JsonNode v : net) {
            k++;
            String label = v.path("label").asText("vessel" + k);
            String where = "vessel " + label;
            double r0in, r0out;
            if (v.has("R0")) {
                r0in = r0out = num(v, "R0", yamlFile, where);
            } else {
                r0in = num(v, "Rp", yamlFile, where);
                r0out = num(v, "Rd", yamlFile, where);
            }
            OneDVessel.Windkessel wk = null;
            if (v.has("R1") || v.has("R2") || v.has("Cc")) {
                try {
                    wk = new OneDVessel.Windkessel(num(v, "R1", yamlFile, where), num(v, "R2", yamlFile, where),
                            num(v, "Cc", yamlFile, where), v.has("Pout") ? num(v, "Pout", yamlFile, where) : 0.0);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(yamlFile + ": " + where + ": " + e.getMessage(), e);
                }
            }
            try {
                vessels.add(new OneDVessel(label, (int) num(v, "sn", yamlFile, where), (int) num(v, "tn", yamlFile, where),
                        num(v, "L", yamlFile, where), r0in, r0out, num(v, "h0", yamlFile, where),
                        num(v, "E", yamlFile, where),
                        v.has("gamma_profile") ? num(v, "gamma_profile", yamlFile, where) : 9.0, wk));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(yamlFile + ": " + e.getMessage(), e);
            }
        }
        return new OneDNetwork(name, rho, mu, vessels, inlet, 0.0);
    }

    private static JsonNode req(JsonNode n, String key, Path file, String where) {
        JsonNode c = n.get(key);
        if (c == null || c.isNull()) throw new IllegalArgumentException(file + ": " + where + ": missing key '" + key + "'");
        return c;
    }

    private static double num(JsonNode n, String key, Path file, String where) {
        JsonNode c = req(n, key, file, where);
        double d;
        if (c.isNumber()) d = c.asDouble();
        else {
            try { d = Double.parseDouble(c.asText().trim()); }
            catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ": " + where + ": '" + key + "' is not a number: " + c.asText());
            }
        }
        if (!Double.isFinite(d)) throw new IllegalArgumentException(file + ": " + where + ": '" + key + "' is not finite");
        return d;
    }
}
