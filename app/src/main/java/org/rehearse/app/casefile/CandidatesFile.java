package org.rehearse.app.casefile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rehearse.simulation.geometry.Lesion;
import org.rehearse.simulation.repair.Repair;
import org.rehearse.simulation.repair.VesselModel;

/**
 * Reads and writes candidate repairs in their JSON form, the form of {@code rehearse plan --candidates FILE.json} and
 * of the {@code candidates} member of a case file ({@link CaseFolder}):
 *
 * <pre>
 * [
 *   {"name": "resection", "kind": "resection"},
 *   {"name": "stent 18 mm", "kind": "stent", "parameters": {"diameterMm": 18, "lengthMm": 25}},
 *   {"name": "balloon", "kind": "balloon", "parameters": {"recoilPercent": 25}}
 * ]
 * </pre>
 *
 * A file may also be an object with a {@code candidates} array (so a {@code case.json} can serve as a candidates
 * file). Rules, each broken one reported as a {@link CaseFileException} naming the file, the candidate (by position
 * and name) and the member or parameter: every entry is an object with a non-blank, unique {@code name}, a
 * {@code kind} among {@link RepairKinds#kinds()}, and optionally {@code parameters}, an object whose keys are
 * parameters of that kind ({@link RepairKinds#parameterNames}) and whose values are numbers; no other members.
 * Every parameter of the present repairs is an arc length, length, diameter or percentage, so a value must be
 * ≥ 0, and a {@code …Percent} value ≤ 100. Limits that depend on the patient's vessel (inside the vessel, diameter at
 * most 1.2 × reference, resection at most 40 mm, …) are checked by {@link #toRepairs} once the vessel is known.
 */
public final class CandidatesFile {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private CandidatesFile() {
    }

    /**
     * @param file a candidates file (UTF-8 JSON)
     * @return the candidates in file order
     * @throws CaseFileException when the file is missing, not JSON or breaks a rule of the class documentation
     */
    public static List<CandidateSpec> read(Path file) throws CaseFileException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new CaseFileException(file, "no such file");
        } catch (JsonProcessingException e) {
            throw new CaseFileException(file, "not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"), e);
        } catch (IOException e) {
            throw new CaseFileException(file, "cannot be read: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new CaseFileException(file, "empty file; expected a JSON list of candidates");
        }
        if (root.isObject()) {
            JsonNode c = root.get("candidates");
            if (c == null) {
                throw new CaseFileException(file, "expected a JSON list of candidates, or an object with a 'candidates' list");
            }
            root = c;
        }
        return parse(root, file);
    }

    /**
     * Parses the JSON form of a list of candidates.
     *
     * @param array the JSON array
     * @param file  the file it came from, named in error messages (may be null)
     * @return the candidates in order
     * @throws CaseFileException when a rule of the class documentation is broken
     */
    public static List<CandidateSpec> parse(JsonNode array, Path file) throws CaseFileException {
        if (array == null || !array.isArray()) {
            throw new CaseFileException(file, "'candidates' must be a JSON list of {name, kind, parameters} objects, got "
                    + (array == null ? "nothing" : array.getNodeType().toString().toLowerCase()));
        }
        List<CandidateSpec> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int n = 0; n < array.size(); n++) {
            JsonNode c = array.get(n);
            String where = "candidate " + (n + 1);
            if (!c.isObject()) {
                throw new CaseFileException(file, where + " must be an object {name, kind, parameters}, got " + c);
            }
            JsonNode nameNode = c.get("name");
            if (nameNode == null || !nameNode.isTextual() || nameNode.asText().isBlank()) {
                throw new CaseFileException(file, where + " needs a non-blank text 'name'");
            }
            String name = nameNode.asText().strip();
            where = "candidate " + (n + 1) + " '" + name + "'";
            if (!names.add(name)) {
                throw new CaseFileException(file, where + ": the name is used twice; candidate names must be unique");
            }
            Iterator<String> fields = c.fieldNames();
            while (fields.hasNext()) {
                String f = fields.next();
                if (!f.equals("name") && !f.equals("kind") && !f.equals("parameters")) {
                    throw new CaseFileException(file, where + ": unknown member '" + f + "'; a candidate has name, kind, parameters");
                }
            }
            JsonNode kindNode = c.get("kind");
            if (kindNode == null || !kindNode.isTextual()) {
                throw new CaseFileException(file, where + " needs a text 'kind', one of " + RepairKinds.kinds());
            }
            String kind = kindNode.asText();
            if (!RepairKinds.isKnown(kind)) {
                throw new CaseFileException(file, where + ": unknown kind '" + kind + "'; known kinds: " + RepairKinds.kinds());
            }
            List<String> allowed = RepairKinds.parameterNames(kind);
            Map<String, Double> params = new LinkedHashMap<>();
            JsonNode p = c.get("parameters");
            if (p != null && !p.isNull()) {
                if (!p.isObject()) {
                    throw new CaseFileException(file, where + ": 'parameters' must be an object of name → number, got " + p);
                }
                Iterator<Map.Entry<String, JsonNode>> it = p.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String key = e.getKey();
                    if (!allowed.contains(key)) {
                        throw new CaseFileException(file, where + ": unknown parameter '" + key + "' for kind " + kind
                                + (allowed.isEmpty() ? ", which takes no parameters" : "; its parameters are " + allowed));
                    }
                    JsonNode v = e.getValue();
                    if (!v.isNumber()) {
                        throw new CaseFileException(file, where + ": parameter '" + key + "' must be a number, got " + v);
                    }
                    double value = v.doubleValue();
                    String problem = checkValue(key, value);
                    if (problem != null) {
                        throw new CaseFileException(file, where + ": parameter '" + key + "' = " + v + " is invalid: " + problem);
                    }
                    params.put(key, value);
                }
            }
            out.add(new CandidateSpec(name, kind, params));
        }
        return out;
    }

    /** @return null when the value is acceptable for the parameter regardless of the vessel, else why not */
    static String checkValue(String key, double value) {
        if (!Double.isFinite(value)) {
            return "not a finite number";
        }
        if (value < 0) {
            return "it must be ≥ 0 (" + (key.endsWith("Percent") ? "a percentage" : "a position, length or diameter in mm") + ")";
        }
        if (key.endsWith("Percent") && value > 100) {
            return "a percentage must be ≤ 100";
        }
        return null;
    }

    /** @return the JSON form of the candidates (a list of {name, kind, parameters}) */
    public static ArrayNode toJson(List<CandidateSpec> candidates) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (CandidateSpec c : candidates) {
            ObjectNode o = a.addObject();
            o.put("name", c.name());
            o.put("kind", c.kind());
            ObjectNode p = o.putObject("parameters");
            c.parameters().forEach(p::put);
        }
        return a;
    }

    /**
     * Writes a candidates file (a JSON list), via a temporary file and an atomic rename.
     *
     * @throws IOException when it cannot be written
     */
    public static void write(Path file, List<CandidateSpec> candidates) throws IOException {
        AtomicFiles.write(file, JSON.writeValueAsBytes(toJson(candidates)));
    }

    /**
     * Builds and validates the repairs for a patient: each candidate's kind defaults for this lesion, with its stored
     * parameters in their place ({@link CandidateSpec#toRepair(Lesion, VesselModel)}), checked with
     * {@link Repair#validate}.
     *
     * @param candidates the candidates
     * @param file       the file they came from, named in error messages (may be null)
     * @return the repairs in order (use {@code candidates.get(i).name()} as the i-th repair's display name)
     * @throws CaseFileException naming the file and candidate, with the repair's own message (which names the parameter,
     *                           its value and the violated limit), when a candidate does not fit this vessel
     */
    public static List<Repair> toRepairs(List<CandidateSpec> candidates, Path file, Lesion lesion, VesselModel vessel)
            throws CaseFileException {
        List<Repair> out = new ArrayList<>();
        for (int n = 0; n < candidates.size(); n++) {
            CandidateSpec c = candidates.get(n);
            try {
                Repair r = c.toRepair(lesion, vessel);
                r.validate(vessel);
                out.add(r);
            } catch (IllegalArgumentException e) {
                throw new CaseFileException(file, "candidate " + (n + 1) + " '" + c.name() + "' (" + c.kind()
                        + ") does not fit this patient's vessel: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /**
     * A candidate's display name with its repair ({@link Repair#name()} is only the kind).
     *
     * @param name   the candidate's name from the file, e.g. "stent 18 mm"
     * @param repair the repair built and validated for the patient's vessel
     */
    public record Named(String name, Repair repair) { }

    /**
     * As {@link #toRepairs}, each repair with its candidate's name.
     *
     * @throws CaseFileException as {@link #toRepairs}
     */
    public static List<Named> toNamedRepairs(List<CandidateSpec> candidates, Path file, Lesion lesion, VesselModel vessel)
            throws CaseFileException {
        List<Repair> repairs = toRepairs(candidates, file, lesion, vessel);
        List<Named> out = new ArrayList<>();
        for (int i = 0; i < repairs.size(); i++) {
            out.add(new Named(candidates.get(i).name(), repairs.get(i)));
        }
        return out;
    }

    /** The shared JSON mapper (strict duplicate-key detection, indented output). */
    static ObjectMapper mapper() {
        return JSON;
    }
}
